using MarketIntel.Brokers.Tastytrade;
using MarketIntel.Core.Brokerage;
using MarketIntel.Core.Trading;

namespace MarketIntel.Brokers.Tests.Tastytrade;

/// <summary>Every status of tastytrade's order flow, row by row, onto our state machine; anything else is never guessed.</summary>
[Trait("Category", "Broker")]
public sealed class TastytradeStatusMapTests
{
    [Theory]
    [InlineData("Received", 0, OrderStatus.New, null)]
    [InlineData("Routed", 0, OrderStatus.New, null)]
    [InlineData("In Flight", 0, OrderStatus.New, null)]
    [InlineData("Contingent", 0, OrderStatus.New, null)]
    [InlineData("Live", 0, OrderStatus.Accepted, null)]
    [InlineData("Live", 30, OrderStatus.PartiallyFilled, null)]
    [InlineData("Cancel Requested", 0, OrderStatus.Accepted, null)]
    [InlineData("Cancel Requested", 30, OrderStatus.PartiallyFilled, null)]
    [InlineData("Replace Requested", 0, OrderStatus.Accepted, null)]
    [InlineData("Filled", 100, OrderStatus.Filled, null)]
    [InlineData("Cancelled", 0, OrderStatus.Canceled, "canceled")]
    [InlineData("Expired", 0, OrderStatus.Expired, "expired")]
    [InlineData("Rejected", 0, OrderStatus.Rejected, BrokerReasonCodes.VenueRejected)]
    [InlineData("Removed", 0, OrderStatus.Canceled, TastytradeStatusMap.Removed)]
    [InlineData("Partially Removed", 30, OrderStatus.Canceled, TastytradeStatusMap.Removed)]
    public void EachDocumentedStatus_MapsOntoOurs(string status, double filled, OrderStatus ours, string? reason)
    {
        Assert.Equal((ours, reason), TastytradeStatusMap.ToOurs(status, filled));
    }

    [Fact]
    public void TheTable_CoversEveryDocumentedStatus_AndNothingElse()
    {
        Assert.All(TastytradeStatusMap.Known, s => Assert.NotNull(TastytradeStatusMap.ToOurs(s, 0)));
        Assert.Null(TastytradeStatusMap.ToOurs("live", 0));
        Assert.Null(TastytradeStatusMap.ToOurs("Canceled", 0));
        Assert.Null(TastytradeStatusMap.ToOurs("Working", 0));
    }
}
