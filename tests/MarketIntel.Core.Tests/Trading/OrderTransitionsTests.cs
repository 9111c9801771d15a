using MarketIntel.Core.Trading;

namespace MarketIntel.Core.Tests.Trading;

public sealed class OrderTransitionsTests
{
    /// <summary>The legal moves as the issue states them, written out independently of the production table.</summary>
    private static readonly Dictionary<(OrderStatus, OrderEventKind), OrderStatus> Expected = new()
    {
        [(OrderStatus.New, OrderEventKind.Accept)] = OrderStatus.Accepted,
        [(OrderStatus.New, OrderEventKind.Reject)] = OrderStatus.Rejected,
        [(OrderStatus.Accepted, OrderEventKind.PartialFill)] = OrderStatus.PartiallyFilled,
        [(OrderStatus.Accepted, OrderEventKind.Fill)] = OrderStatus.Filled,
        [(OrderStatus.Accepted, OrderEventKind.Cancel)] = OrderStatus.Canceled,
        [(OrderStatus.Accepted, OrderEventKind.Expire)] = OrderStatus.Expired,
        [(OrderStatus.PartiallyFilled, OrderEventKind.PartialFill)] = OrderStatus.PartiallyFilled,
        [(OrderStatus.PartiallyFilled, OrderEventKind.Fill)] = OrderStatus.Filled,
        [(OrderStatus.PartiallyFilled, OrderEventKind.Cancel)] = OrderStatus.Canceled,
        [(OrderStatus.PartiallyFilled, OrderEventKind.Expire)] = OrderStatus.Expired,
    };

    /// <summary>Events that bring a new order into each state.</summary>
    private static readonly Dictionary<OrderStatus, OrderEventKind[]> PathTo = new()
    {
        [OrderStatus.New] = [],
        [OrderStatus.Accepted] = [OrderEventKind.Accept],
        [OrderStatus.PartiallyFilled] = [OrderEventKind.Accept, OrderEventKind.PartialFill],
        [OrderStatus.Filled] = [OrderEventKind.Accept, OrderEventKind.Fill],
        [OrderStatus.Canceled] = [OrderEventKind.Accept, OrderEventKind.Cancel],
        [OrderStatus.Expired] = [OrderEventKind.Accept, OrderEventKind.Expire],
        [OrderStatus.Rejected] = [OrderEventKind.Reject],
    };

    public static TheoryData<OrderStatus, OrderEventKind> EveryPair()
    {
        var data = new TheoryData<OrderStatus, OrderEventKind>();
        foreach (var s in Enum.GetValues<OrderStatus>())
        {
            foreach (var e in Enum.GetValues<OrderEventKind>())
            {
                data.Add(s, e);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void EveryStateAndEvent_MovesAsTheIssueSaysOrIsRefused(OrderStatus state, OrderEventKind kind)
    {
        var order = new Order(new OrderRequest("o1", "X", OrderSide.Buy, OrderType.Market, 10), TradingBars.Day0, 1);
        var t = TradingBars.Day0;
        foreach (var step in PathTo[state])
        {
            t = t.AddMinutes(1);
            order.Apply(step, t, step == OrderEventKind.PartialFill ? 4 : step == OrderEventKind.Fill ? 10 : 0, 100);
        }

        Assert.Equal(state, order.Status);
        var before = order.Events.Count;
        var at = t.AddMinutes(1);
        if (Expected.TryGetValue((state, kind), out var next))
        {
            var e = order.Apply(kind, at, kind is OrderEventKind.Fill or OrderEventKind.PartialFill ? 1 : 0, 100, "why");
            Assert.Equal(next, order.Status);
            Assert.Equal((state, next, at, kind), (e.From, e.To, e.Time, e.Kind));
            Assert.Equal(before + 1, order.Events.Count);
        }
        else
        {
            var ex = Assert.Throws<IllegalOrderTransitionException>(() => order.Apply(kind, at));
            Assert.Equal((state, kind), (ex.From, ex.Kind));
            Assert.Equal(state, order.Status);
            Assert.Equal(before, order.Events.Count);
        }
    }

    [Fact]
    public void Table_HoldsExactlyTheLegalPairs_AndTerminalStatesHaveNone()
    {
        Assert.Equal(Expected.OrderBy(p => p.Key).ToArray(), OrderTransitions.All.Select(p => new KeyValuePair<(OrderStatus, OrderEventKind), OrderStatus>((p.Key.From, p.Key.Event), p.Value)).OrderBy(p => p.Key).ToArray());
        foreach (var s in new[] { OrderStatus.Filled, OrderStatus.Canceled, OrderStatus.Expired, OrderStatus.Rejected })
        {
            Assert.True(OrderTransitions.IsTerminal(s));
            Assert.DoesNotContain(OrderTransitions.All.Keys, k => k.From == s);
        }
    }

    [Fact]
    public void Fills_AccumulateQuantityAndVolumeWeightedAveragePrice()
    {
        var order = new Order(new OrderRequest("o1", "X", OrderSide.Buy, OrderType.Limit, 10, LimitPrice: 100), TradingBars.Day0, 1);
        order.Apply(OrderEventKind.Accept, TradingBars.Day0);
        order.Apply(OrderEventKind.PartialFill, TradingBars.Day0, 4, 100);
        order.Apply(OrderEventKind.Fill, TradingBars.Day0, 6, 95);
        Assert.Equal(10, order.FilledQuantity);
        Assert.Equal(0, order.Remaining);
        Assert.Equal(((4 * 100) + (6 * 95)) / 10.0, order.AveragePrice, 12);
    }
}
