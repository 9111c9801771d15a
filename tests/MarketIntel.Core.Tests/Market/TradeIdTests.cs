using MarketIntel.Core.Market;

namespace MarketIntel.Core.Tests.Market;

public sealed class TradeIdTests
{
    [Theory]
    [InlineData("12345", true)]
    [InlineData("-7", true)]
    [InlineData("007", false)]
    [InlineData("-0", false)]
    [InlineData("abc-1", false)]
    [InlineData("99999999999999999999", false)]
    public void Parse_KeepsCanonicalIntegersAsNumbers(string text, bool numeric)
    {
        var id = TradeId.Parse(text);
        Assert.Equal(numeric, id.IsNumeric);
        Assert.Equal(text, id.ToString());
    }

    [Fact]
    public void LeadingZeros_AreDistinctIds()
    {
        Assert.NotEqual(TradeId.Parse("7"), TradeId.Parse("007"));
        Assert.Equal(TradeId.Parse("007"), TradeId.Parse("007"));
        Assert.Equal(TradeId.Parse("42"), new TradeId(42));
    }
}
