using MarketIntel.Core.Brokerage;

namespace MarketIntel.Brokers.Tests.Brokerage;

/// <summary>The deterministic client order id: a pure function of (account, setup, leg), short and plain enough for every venue.</summary>
[Trait("Category", "Broker")]
public sealed class BrokerClientOrderIdTests
{
    [Fact]
    public void TheSameInputs_GiveTheSameId_APinnedValue_SoItIsStableAcrossProcessesAndReleases()
    {
        var id = BrokerClientOrderId.For("main", "scan-2026-03-02T14:30/AAPL", "entry");

        Assert.Equal(id, BrokerClientOrderId.For("main", "scan-2026-03-02T14:30/AAPL", "entry"));

        // Pinned: a change to the formula would make every retried submission after an upgrade a second order.
        Assert.Equal("mi-main-scan20260302-entry-", id[..27]);
        Assert.Equal(PinnedId, id);
    }

    // The hash part computed independently of this code (Python: SHA-256 of "4:main|26:scan-2026-03-02T14:30/AAPL|5:entry",
    // first 120 bits in RFC 4648 base32, lower case).
    private const string PinnedId = "mi-main-scan20260302-entry-fezvq2q527fa3xks2fnr5v3a";

    [Theory]
    [InlineData("a-b", "c", "entry", "a", "b-c", "entry")]
    [InlineData("main", "setup-1", "entry", "main", "setup-1", "stop")]
    [InlineData("main", "setup-1", "entry", "other", "setup-1", "entry")]
    [InlineData("main", "AAPL-2026-03-02-long-breakout-a", "entry", "main", "AAPL-2026-03-02-long-breakout-b", "entry")]
    public void DifferentInputs_GiveDifferentIds_EvenWhenTheirReadableSlugsAgree(string a1, string s1, string l1, string a2, string s2, string l2) =>
        Assert.NotEqual(BrokerClientOrderId.For(a1, s1, l1), BrokerClientOrderId.For(a2, s2, l2));

    [Fact]
    public void EveryId_IsWithinTheShortestVenueLimit_AndUsesOnlyLowerCaseLettersDigitsAndDashes()
    {
        var long1 = new string('x', 500);
        foreach (var id in new[] { BrokerClientOrderId.For(long1, long1, long1), BrokerClientOrderId.For("é", "✓", "?"), BrokerClientOrderId.For("A", "B", "C") })
        {
            Assert.InRange(id.Length, 1, BrokerClientOrderId.MaxLength);
            Assert.True(id.Length <= 128, "Alpaca's client_order_id limit");
            Assert.All(id, c => Assert.True(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-', $"'{c}' in {id}"));
        }
    }

    [Fact]
    public void AMissingPart_IsAnErrorNamingIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => BrokerClientOrderId.For("main", " ", "entry"));
        Assert.Equal("setup", ex.ParamName);
    }
}
