using MarketIntel.Brokers.Alpaca;
using MarketIntel.Core.Brokerage;
using MarketIntel.Core.Trading;

namespace MarketIntel.Brokers.Tests.Alpaca;

/// <summary>Every status of Alpaca's documented order lifecycle, mapped to ours: the table, written out.</summary>
[Trait("Category", "Broker")]
public sealed class AlpacaStatusMapTests
{
    public static TheoryData<string, double, OrderStatus, string?> Table() => new()
    {
        { "pending_new", 0, OrderStatus.New, null },
        { "held", 0, OrderStatus.New, null },
        { "accepted", 0, OrderStatus.Accepted, null },
        { "new", 0, OrderStatus.Accepted, null },
        { "accepted_for_bidding", 0, OrderStatus.Accepted, null },
        { "partially_filled", 4, OrderStatus.PartiallyFilled, null },
        { "filled", 10, OrderStatus.Filled, null },
        { "done_for_day", 0, OrderStatus.Accepted, null },
        { "done_for_day", 4, OrderStatus.PartiallyFilled, null },
        { "pending_cancel", 0, OrderStatus.Accepted, null },
        { "pending_cancel", 4, OrderStatus.PartiallyFilled, null },
        { "pending_replace", 0, OrderStatus.Accepted, null },
        { "stopped", 0, OrderStatus.Accepted, null },
        { "suspended", 0, OrderStatus.Accepted, null },
        { "calculated", 4, OrderStatus.PartiallyFilled, null },
        { "calculated", 10, OrderStatus.Filled, null },
        { "canceled", 0, OrderStatus.Canceled, "canceled" },
        { "canceled", 4, OrderStatus.Canceled, "canceled" },
        { "expired", 0, OrderStatus.Expired, "expired" },
        { "replaced", 0, OrderStatus.Canceled, BrokerReasonCodes.Replaced },
        { "rejected", 0, OrderStatus.Rejected, BrokerReasonCodes.VenueRejected },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void EachAlpacaStatus_IsOurs(string alpaca, double filled, OrderStatus expected, string? reason) =>
        Assert.Equal((expected, reason), AlpacaStatusMap.ToOurs(alpaca, 10, filled));

    [Fact]
    public void TheTableCoversEveryKnownStatus_AndAnUnknownOneIsNotGuessed()
    {
        var covered = Table().Select(row => (string)row[0]).ToHashSet();
        Assert.All(AlpacaStatusMap.Known, s => Assert.Contains(s, covered));
        Assert.Null(AlpacaStatusMap.ToOurs("teleported", 10, 0));
    }

    [Fact]
    public void AnUnknownStatusInAnOrder_IsAProtocolErrorNamingTheField()
    {
        var order = FakeAlpacaServer.Fixture("order.json");
        order["status"] = "teleported";
        using var doc = System.Text.Json.JsonDocument.Parse(order.ToJsonString());

        var ex = Assert.Throws<BrokerException>(() => AlpacaWire.Order(doc.RootElement));

        Assert.Equal(BrokerErrorKind.Protocol, ex.Kind);
        Assert.Contains("order.status", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDocumentedOrderExample_ReadsAsOurOrder()
    {
        using var doc = System.Text.Json.JsonDocument.Parse(FakeAlpacaServer.Fixture("order.json").ToJsonString());

        var order = AlpacaWire.Order(doc.RootElement);

        Assert.Equal(("eb9e2aaa-f71a-4f51-b5b4-52a6c565dad4", "61e69015-8549-4bfd-b9c3-01e75843f47d", "AAPL", OrderSide.Buy, OrderType.Market, 1.0, TimeInForce.Day, OrderStatus.Accepted, "accepted"),
            (order.ClientOrderId, order.VenueOrderId, order.Symbol, order.Side, order.Type, order.Quantity, order.TimeInForce, order.Status, order.VenueStatus));
        Assert.Equal(new DateTime(2021, 3, 16, 18, 38, 1, 942, DateTimeKind.Utc).AddTicks(2820), order.Created);
        Assert.Null(order.AveragePrice);
        Assert.Null(order.Legs);
    }
}
