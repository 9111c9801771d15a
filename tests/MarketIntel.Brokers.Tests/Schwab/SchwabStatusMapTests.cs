using System.Text.Json;
using MarketIntel.Brokers.Schwab;
using MarketIntel.Core.Brokerage;
using MarketIntel.Core.Trading;

namespace MarketIntel.Brokers.Tests.Schwab;

/// <summary>Every documented Schwab status, row by row, onto our state machine; UNKNOWN and unlisted words are errors; a REJECTED order's description is a reason code.</summary>
[Trait("Category", "Broker")]
public sealed class SchwabStatusMapTests
{
    [Theory]
    [InlineData("NEW", 0, OrderStatus.New, null)]
    [InlineData("AWAITING_PARENT_ORDER", 0, OrderStatus.New, null)]
    [InlineData("AWAITING_CONDITION", 0, OrderStatus.New, null)]
    [InlineData("AWAITING_MANUAL_REVIEW", 0, OrderStatus.New, null)]
    [InlineData("AWAITING_UR_OUT", 0, OrderStatus.New, null)]
    [InlineData("AWAITING_RELEASE_TIME", 0, OrderStatus.New, null)]
    [InlineData("PENDING_ACTIVATION", 0, OrderStatus.New, null)]
    [InlineData("PENDING_ACKNOWLEDGEMENT", 0, OrderStatus.New, null)]
    [InlineData("ACCEPTED", 0, OrderStatus.Accepted, null)]
    [InlineData("QUEUED", 0, OrderStatus.Accepted, null)]
    [InlineData("WORKING", 0, OrderStatus.Accepted, null)]
    [InlineData("WORKING", 4, OrderStatus.PartiallyFilled, null)]
    [InlineData("AWAITING_STOP_CONDITION", 0, OrderStatus.Accepted, null)]
    [InlineData("PENDING_CANCEL", 0, OrderStatus.Accepted, null)]
    [InlineData("PENDING_CANCEL", 4, OrderStatus.PartiallyFilled, null)]
    [InlineData("PENDING_REPLACE", 0, OrderStatus.Accepted, null)]
    [InlineData("PENDING_RECALL", 0, OrderStatus.Accepted, null)]
    [InlineData("FILLED", 10, OrderStatus.Filled, null)]
    [InlineData("CANCELED", 0, OrderStatus.Canceled, "canceled")]
    [InlineData("CANCELED", 4, OrderStatus.Canceled, "canceled")]
    [InlineData("REPLACED", 0, OrderStatus.Canceled, BrokerReasonCodes.Replaced)]
    [InlineData("EXPIRED", 0, OrderStatus.Expired, "expired")]
    [InlineData("REJECTED", 0, OrderStatus.Rejected, BrokerReasonCodes.VenueRejected)]
    public void EachDocumentedStatus_MapsOntoOurs(string status, double filled, OrderStatus ours, string? reason)
    {
        Assert.Equal((ours, reason), SchwabStatusMap.ToOurs(status, filled));
    }

    [Fact]
    public void TheTable_CoversEveryDocumentedStatus_AndUnknownIsNeverGuessed()
    {
        Assert.All(SchwabStatusMap.Known.Where(s => s != "UNKNOWN"), s => Assert.NotNull(SchwabStatusMap.ToOurs(s, 0)));
        Assert.Null(SchwabStatusMap.ToOurs("UNKNOWN", 0));
        Assert.Null(SchwabStatusMap.ToOurs("working", 0));
        Assert.Null(SchwabStatusMap.ToOurs("PARTIALLY_FILLED", 0));
    }

    [Fact]
    public void AnOrderWithAnUnknownStatus_IsAProtocolError_NamingTheField()
    {
        using var doc = JsonDocument.Parse("""{"orderId":1,"status":"UNKNOWN","filledQuantity":0,"quantity":1,"orderType":"MARKET","duration":"DAY","enteredTime":"2026-03-02T14:00:00+0000","orderLegCollection":[{"instruction":"BUY","quantity":1,"instrument":{"symbol":"AAPL"}}]}""");
        var error = Assert.Throws<BrokerException>(() => SchwabWire.Order(doc.RootElement));
        Assert.Equal(BrokerErrorKind.Protocol, error.Kind);
        Assert.Contains("order.status", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ARejectedOrder_CarriesTheReasonItsDescriptionNames_AndFillsGiveTheAveragePrice()
    {
        using var rejected = JsonDocument.Parse("""{"orderId":2,"status":"REJECTED","statusDescription":"You do not have enough available cash/buying power for this order.","filledQuantity":0,"quantity":1,"orderType":"LIMIT","price":10,"duration":"DAY","enteredTime":"2026-03-02T14:00:00+0000","orderLegCollection":[{"instruction":"BUY","quantity":1,"instrument":{"symbol":"VEA"}}]}""");
        Assert.Equal(BrokerReasonCodes.InsufficientBuyingPower, SchwabWire.Order(rejected.RootElement).Reason);

        using var filled = JsonDocument.Parse("""
            {"orderId":3,"status":"FILLED","filledQuantity":3,"quantity":3,"orderType":"MARKET","duration":"DAY","enteredTime":"2026-03-02T14:00:00+0000","closeTime":"2026-03-02T14:00:02+0000",
             "orderLegCollection":[{"instruction":"SELL_SHORT","quantity":3,"instrument":{"symbol":"AAPL"}}],
             "orderActivityCollection":[{"activityType":"EXECUTION","executionLegs":[{"quantity":1,"price":100,"time":"2026-03-02T14:00:01+0000"},{"quantity":2,"price":103,"time":"2026-03-02T14:00:02+0000"}]}]}
            """);
        var order = SchwabWire.Order(filled.RootElement);
        Assert.Equal(102, order.AveragePrice);
        Assert.Equal(OrderSide.Sell, order.Side);
        Assert.Equal(new DateTime(2026, 3, 2, 14, 0, 2, DateTimeKind.Utc), order.Updated);
    }
}
