using MarketIntel.Core.Brokerage;
using MarketIntel.Core.Trading;

namespace MarketIntel.Brokers.Tests.Brokerage;

/// <summary>The pre-send check: each missing capability refuses the order with its own reason code; what the venue can take passes.</summary>
[Trait("Category", "Broker")]
public sealed class BrokerCapabilitiesTests
{
    // A deliberately narrow venue: market and limit, day only, no brackets, whole units, no shorts, no reversals.
    private static readonly BrokerCapabilities Narrow = new(
        "narrow", new HashSet<OrderType> { OrderType.Market, OrderType.Limit }, new HashSet<TimeInForce> { TimeInForce.Day }, false, new HashSet<TimeInForce>(),
        false, false, false, false, 120, 20);

    private static BrokerOrderRequest Order(OrderSide side, double quantity, OrderType type = OrderType.Limit, TimeInForce tif = TimeInForce.Day, string id = "id-1") =>
        BrokerOrderRequest.Simple(new OrderRequest(id, "SPY", side, type, quantity, type is OrderType.Limit or OrderType.StopLimit ? 100 : null, type is OrderType.Stop or OrderType.StopLimit ? 99 : null, tif));

    public static TheoryData<string, string?> Cases() => new()
    {
        { "buy 10 limit day, flat", null },
        { "sell 5 of a long 10", null },
        { "stop order", BrokerReasonCodes.UnsupportedOrderType },
        { "gtc", BrokerReasonCodes.UnsupportedTimeInForce },
        { "bracket", BrokerReasonCodes.BracketsUnsupported },
        { "fractional", BrokerReasonCodes.FractionalUnsupported },
        { "short from flat", BrokerReasonCodes.ShortSellingUnsupported },
        { "sell 15 of a long 10", BrokerReasonCodes.ReversalUnsupported },
        { "client order id of 21 chars", BrokerReasonCodes.ClientOrderIdTooLong },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void EachMissingCapability_IsRefusedWithItsCode(string @case, string? expected)
    {
        var (request, position) = @case switch
        {
            "buy 10 limit day, flat" => (Order(OrderSide.Buy, 10), 0.0),
            "sell 5 of a long 10" => (Order(OrderSide.Sell, 5), 10.0),
            "stop order" => (Order(OrderSide.Buy, 10, OrderType.Stop), 0.0),
            "gtc" => (Order(OrderSide.Buy, 10, tif: TimeInForce.Gtc), 0.0),
            "bracket" => (BrokerOrderRequest.WithBracket(new BracketRequest(Order(OrderSide.Buy, 10).Order, 95, 110)), 0.0),
            "fractional" => (Order(OrderSide.Buy, 0.5), 0.0),
            "short from flat" => (Order(OrderSide.Sell, 1), 0.0),
            "sell 15 of a long 10" => (Order(OrderSide.Sell, 15), 10.0),
            "client order id of 21 chars" => (Order(OrderSide.Buy, 1, id: new string('a', 21)), 0.0),
            _ => throw new ArgumentOutOfRangeException(nameof(@case)),
        };

        Assert.Equal(expected, Narrow.Refusal(request, position)?.Code);
        if (expected is not null)
        {
            var ex = Assert.Throws<BrokerException>(() => Narrow.EnsureCanSend(request, position));
            Assert.Equal((BrokerErrorKind.Refused, expected, "narrow"), (ex.Kind, ex.ReasonCode, ex.Broker));
        }
    }

    [Fact]
    public void AVenueThatReversesInOneOrder_TakesTheReversal_IfItMaySellShort()
    {
        var wide = Narrow with { ReversalInOneOrder = true, ShortSelling = true };
        Assert.Null(wide.Refusal(Order(OrderSide.Sell, 15), 10));
        Assert.Equal(BrokerReasonCodes.ShortSellingUnsupported, (wide with { ShortSelling = false }).Refusal(Order(OrderSide.Sell, 15), 10)?.Code);
    }
}
