using MarketIntel.Core.Backtesting;
using MarketIntel.Core.Trading;
using static MarketIntel.Core.Tests.Trading.TradingBars;

namespace MarketIntel.Core.Tests.Trading;

public sealed class ExecutionEngineTests
{
    private static ExecutionEngine Engine(RiskLimits? limits = null, double? participation = null, double cash = 1_000_000, double commission = 0, double slippage = 0) =>
        new(new ExecutionOptions
        {
            Limits = limits ?? new RiskLimits(),
            MaxParticipation = participation,
            Commission = CommissionModels.PerFill(commission),
            Slippage = SlippageModels.Fraction(slippage),
        }, cash, Day0);

    private static OrderRequest Buy(string id, double q, OrderType type = OrderType.Market, double? limit = null, double? stop = null, TimeInForce tif = TimeInForce.Gtc) =>
        new(id, "X", OrderSide.Buy, type, q, limit, stop, tif);

    private static OrderRequest Sell(string id, double q, OrderType type = OrderType.Market, double? limit = null, double? stop = null, TimeInForce tif = TimeInForce.Gtc) =>
        new(id, "X", OrderSide.Sell, type, q, limit, stop, tif);

    [Fact]
    public void SameClientOrderIdTwice_IsOneOrder()
    {
        var e = Engine();
        var first = e.Submit(Buy("same", 10), Day0, 100);
        var second = e.Submit(Buy("same", 99), Day0, 100);
        Assert.False(first.Duplicate);
        Assert.True(second.Duplicate);
        Assert.Same(first.Order, second.Order);
        Assert.Single(e.Orders);
        Assert.Single(e.Decisions);
        e.OnBar("X", Daily(0, 100, 101, 99, 100), false);
        Assert.Equal(10, e.Account.PositionOf("X").Quantity);
    }

    [Fact]
    public void MalformedRequest_IsRejectedWithAReasonCode()
    {
        var e = Engine();
        Assert.Equal("missing_limit_price", e.Submit(Buy("a", 1, OrderType.Limit), Day0, 100).Order.Reason);
        Assert.Equal("invalid_quantity", e.Submit(Buy("b", -1), Day0, 100).Order.Reason);
        Assert.Equal("invalid_quantity", e.Submit(Buy("c", 1.5), Day0, 100).Order.Reason); // whole units by default
        Assert.Equal("unexpected_stop_price", e.Submit(Buy("d", 1, OrderType.Limit, 99, 98), Day0, 100).Order.Reason);
        Assert.All(e.Orders, o => Assert.Equal(OrderStatus.Rejected, o.Status));
    }

    [Fact]
    public void QuantityRules_ArePerInstrument()
    {
        var e = new ExecutionEngine(new ExecutionOptions { Instruments = new Dictionary<string, InstrumentRules> { ["BTC"] = new(true, 0.0001) } }, 1_000_000, Day0);
        Assert.Equal(OrderStatus.Accepted, e.Submit(new OrderRequest("c", "BTC", OrderSide.Buy, OrderType.Market, 0.0125), Day0, 100).Order.Status);
        Assert.Equal("invalid_quantity", e.Submit(new OrderRequest("c2", "BTC", OrderSide.Buy, OrderType.Market, 0.00001), Day0, 100).Order.Reason);
        Assert.Equal("invalid_quantity", e.Submit(new OrderRequest("s", "X", OrderSide.Buy, OrderType.Market, 0.5), Day0, 100).Order.Reason);
    }

    [Fact]
    public void StopLimit_GappedBeyondTheLimitOnTheTriggerBar_WorksAsAPlainLimitFromTheNextBar()
    {
        var e = Engine();
        var o = e.Submit(Buy("sl", 10, OrderType.StopLimit, limit: 106, stop: 105), Day0, 100).Order;
        e.OnBar("X", Daily(0, 100, 104, 99, 103), false); // not triggered
        Assert.False(o.Triggered);
        e.OnBar("X", Daily(1, 108, 109, 105.5, 107), false); // gaps through 105 to 108 > 106: triggered, no fill
        Assert.True(o.Triggered);
        Assert.Equal(OrderStatus.Accepted, o.Status);
        e.OnBar("X", Daily(2, 107, 108, 105.5, 106), false); // now a limit 106: the low reaches it
        Assert.Equal(OrderStatus.Filled, o.Status);
        Assert.Equal(106, o.AveragePrice);
    }

    [Fact]
    public void StopLimit_TriggeredInsideTheBar_FillsAtTheStopOnTheTriggerBar()
    {
        var e = Engine();
        var o = e.Submit(Buy("sl", 10, OrderType.StopLimit, limit: 106, stop: 105), Day0, 100).Order;
        e.OnBar("X", Daily(0, 100, 107, 99, 103), false);
        Assert.Equal((OrderStatus.Filled, 105.0), (o.Status, o.AveragePrice));
    }

    [Fact]
    public void StopLimit_TriggerBarOnlyFillsAtTheTriggerPrice_NotLaterInsideTheSameBar()
    {
        // A sell stop-limit (T 95, L 96) gapping down to 93 triggers at 93 < 96: no fill, although the bar's high later
        // reaches 97, which a plain limit would take; from the next bar it is that limit.
        var e = Engine();
        e.Submit(Buy("long", 10), Day0, 100);
        e.OnBar("X", Daily(0, 100, 100, 100, 100), false);
        var o = e.Submit(Sell("sl", 10, OrderType.StopLimit, limit: 96, stop: 95), Day0.AddDays(1), 100).Order;
        e.OnBar("X", Daily(1, 93, 97, 92, 94), false);
        Assert.Equal(OrderStatus.Accepted, o.Status);
        e.OnBar("X", Daily(2, 94, 96.5, 93, 95), false);
        Assert.Equal((OrderStatus.Filled, 96.0), (o.Status, o.AveragePrice));
    }

    [Fact]
    public void ParticipationCap_FillsPartsOnSeveralBars_ChargingCommissionOnEach()
    {
        var e = Engine(participation: 0.1, commission: 1);
        var o = e.Submit(Buy("p", 5), Day0, 100).Order;
        e.OnBar("X", Daily(0, 100, 101, 99, 100, volume: 30), false);
        Assert.Equal((OrderStatus.PartiallyFilled, 3.0), (o.Status, o.FilledQuantity));
        e.OnBar("X", Daily(1, 102, 103, 101, 102, volume: 0), false); // zero volume: nothing
        Assert.Equal(3, o.FilledQuantity);
        e.OnBar("X", Daily(2, 104, 105, 103, 104, volume: 50), false);
        Assert.Equal(OrderStatus.Filled, o.Status);
        Assert.Equal([(3.0, 100.0, 1.0), (2.0, 104.0, 1.0)], e.Fills.Select(f => (f.Quantity, f.Price, f.Commission)));
        Assert.Equal(1_000_000 - 300 - 208 - 2, e.Account.Cash, 9);
    }

    [Fact]
    public void Ioc_CancelsTheRemainderAfterItsFirstBar()
    {
        var e = Engine(participation: 0.1);
        var partial = e.Submit(Buy("ioc1", 5, tif: TimeInForce.Ioc), Day0, 100).Order;
        var unreached = e.Submit(Buy("ioc2", 5, OrderType.Limit, limit: 90, tif: TimeInForce.Ioc), Day0, 100).Order;
        e.OnBar("X", Daily(0, 100, 101, 99, 100, volume: 20), false);
        Assert.Equal((OrderStatus.Canceled, 2.0, "ioc"), (partial.Status, partial.FilledQuantity, partial.Reason));
        Assert.Equal((OrderStatus.Canceled, 0.0), (unreached.Status, unreached.FilledQuantity));
        Assert.Empty(e.Working);
    }

    [Fact]
    public void Day_ExpiresOnlyWhenItsSessionEnds()
    {
        var e = Engine();
        var day = e.Submit(Buy("d", 5, OrderType.Limit, limit: 90, tif: TimeInForce.Day), Day0, 100).Order;
        var gtc = e.Submit(Buy("g", 5, OrderType.Limit, limit: 90), Day0, 100).Order;
        e.OnBar("X", Hourly(0, 14, 100, 101, 99, 100), false);
        Assert.Equal(OrderStatus.Accepted, day.Status);
        e.OnBar("X", Hourly(0, 15, 100, 101, 99, 100), true);
        Assert.Equal(OrderStatus.Expired, day.Status);
        Assert.Equal(OrderStatus.Accepted, gtc.Status);
    }

    [Fact]
    public void WorkingOrders_AreTriedInActivationOrder()
    {
        var e = Engine();
        e.Submit(Buy("first", 1, OrderType.Limit, limit: 99), Day0, 100);
        e.Submit(Buy("second", 1), Day0, 100);
        e.OnBar("X", Daily(0, 98, 101, 97, 100), false);
        Assert.Equal(["first", "second"], e.Fills.Select(f => f.OrderId));
    }

    [Fact]
    public void Reversal_IsOneOrder_WhenShortingIsAllowed()
    {
        var e = Engine(new RiskLimits { AllowShort = true });
        e.Submit(Buy("b", 100), Day0, 100);
        e.OnBar("X", Daily(0, 100, 100, 100, 100), false);
        var s = e.Submit(Sell("s", 150), Day0.AddDays(1), 110).Order;
        e.OnBar("X", Daily(1, 110, 110, 110, 110), false);
        Assert.Equal(OrderStatus.Filled, s.Status);
        var p = e.Account.PositionOf("X");
        Assert.Equal((-50.0, 110.0, 1000.0), (p.Quantity, p.AveragePrice, p.RealizedPnl));
    }

    [Fact]
    public void Reversal_IsRefusedByNoShort_ByDefault()
    {
        var e = Engine();
        e.Submit(Buy("b", 100), Day0, 100);
        e.OnBar("X", Daily(0, 100, 100, 100, 100), false);
        Assert.Equal(RiskRules.NoShort, e.Submit(Sell("s", 150), Day0.AddDays(1), 110).Order.Reason);
    }

    [Fact]
    public void KillSwitch_BlockEntries_AllowsOnlyReducingOrders()
    {
        var e = Engine();
        e.Submit(Buy("b", 10), Day0, 100);
        e.OnBar("X", Daily(0, 100, 100, 100, 100), false);
        e.Kill(KillSwitchLevel.BlockEntries, Day0.AddDays(1));
        Assert.Equal(TradingState.Reducing, e.State);
        Assert.Equal(RiskRules.ReducingOnly, e.Submit(Buy("more", 1), Day0.AddDays(1), 100).Order.Reason);
        Assert.Equal(RiskRules.ReducingOnly, e.Submit(new OrderRequest("y", "Y", OrderSide.Buy, OrderType.Market, 1), Day0.AddDays(1), 100).Order.Reason);
        Assert.Equal(OrderStatus.Accepted, e.Submit(Sell("less", 4), Day0.AddDays(1), 100).Order.Status);
        Assert.Equal(RiskRules.ReducingOnly, e.Submit(Sell("over", 7), Day0.AddDays(1), 100).Order.Reason); // 4 working + 7 > 10
    }

    [Fact]
    public void KillSwitch_CancelAll_HaltsAndCancelsEveryWorkingOrder()
    {
        var e = Engine();
        var w = e.Submit(Buy("w", 10, OrderType.Limit, limit: 50), Day0, 100).Order;
        e.Kill(KillSwitchLevel.CancelAll, Day0);
        Assert.Equal((OrderStatus.Canceled, "kill_switch"), (w.Status, w.Reason));
        Assert.Equal(TradingState.Halted, e.State);
        Assert.Equal(RiskRules.TradingHalted, e.Submit(Buy("n", 1), Day0, 100).Order.Reason);
        e.Reset();
        Assert.Equal(TradingState.Active, e.State);
    }

    [Fact]
    public void KillSwitch_FlattenAll_ClosesEveryPositionWithMarketOrdersMarkedAsSuch()
    {
        var e = Engine(new RiskLimits { AllowShort = true });
        e.Submit(Buy("b", 10), Day0, 100);
        e.Submit(new OrderRequest("s", "Y", OrderSide.Sell, OrderType.Market, 3), Day0, 50);
        e.OnBar("X", Daily(0, 100, 100, 100, 100), false);
        e.OnBar("Y", Daily(0, 50, 50, 50, 50), false);
        var flatten = e.Kill(KillSwitchLevel.FlattenAll, Day0.AddDays(1));
        Assert.Equal(TradingState.Halted, e.State);
        Assert.Equal([("X", OrderSide.Sell, 10.0), ("Y", OrderSide.Buy, 3.0)], flatten.Select(o => (o.Request.Symbol, o.Request.Side, o.Request.Quantity)));
        Assert.All(flatten, o => Assert.Equal((OrderOrigin.KillSwitch, OrderType.Market, OrderStatus.Accepted), (o.Request.Origin, o.Request.Type, o.Status)));
        e.OnBar("X", Daily(1, 90, 90, 90, 90), false);
        e.OnBar("Y", Daily(1, 55, 55, 55, 55), false);
        Assert.Equal(0, e.Account.OpenPositions);
    }

    [Fact]
    public void CancelPassesWhileHalted_AndAFinishedOrderCannotBeCanceled()
    {
        var e = Engine(new RiskLimits { DailyLossLimit = 100 });
        e.Submit(Buy("b", 10), Day0, 100);
        var w = e.Submit(Buy("w", 1, OrderType.Limit, limit: 10), Day0, 100).Order;
        e.OnBar("X", Daily(0, 100, 100, 80, 85), false); // −150 on the day: halted
        Assert.Equal(TradingState.Halted, e.State);
        Assert.True(e.Cancel("w", Day0));
        Assert.Equal(OrderStatus.Canceled, w.Status);
        Assert.Throws<IllegalOrderTransitionException>(() => e.Cancel("b", Day0));
        Assert.False(e.Cancel("unknown", Day0));
    }

    [Fact]
    public void DailyLossBreaker_CountsUnrealizedLoss_AndLatchesAcrossDaysUntilReset()
    {
        var e = Engine(new RiskLimits { DailyLossLimit = 100 });
        e.Submit(Buy("b", 10), Day0, 100);
        e.OnBar("X", Daily(0, 100, 100, 95, 95), false); // −50: fine
        Assert.Equal(TradingState.Active, e.State);
        e.OnBar("X", Daily(1, 95, 95, 84, 85), false); // −100 from the day's start equity (950 in the position): trips
        Assert.Equal((TradingState.Halted, "daily_loss"), (e.State, e.Breakers.Tripped));
        e.OnBar("X", Daily(2, 90, 100, 90, 100), false); // recovered, new day: still latched
        Assert.Equal(TradingState.Halted, e.State);
        e.Reset();
        Assert.Equal(TradingState.Active, e.State);
    }

    [Fact]
    public void DrawdownBreaker_MeasuresFromTheEquityHighWaterMarkWithOpenPositions()
    {
        var e = Engine(new RiskLimits { MaxDrawdown = 0.1 }, cash: 1000);
        e.Submit(Buy("b", 10), Day0, 50);
        e.OnBar("X", Daily(0, 50, 60, 50, 60), false); // equity 1100: the high-water mark
        Assert.Equal(1100, e.Breakers.HighWaterMark);
        e.OnBar("X", Daily(1, 60, 60, 50, 51), false); // 1010: −8.2%
        Assert.Null(e.Breakers.Tripped);
        e.OnBar("X", Daily(2, 51, 51, 49, 50), false); // 1000: −9.09%
        Assert.Null(e.Breakers.Tripped);
        e.OnBar("X", Daily(3, 50, 50, 48, 49), false); // 990: −10%
        Assert.Equal("max_drawdown", e.Breakers.Tripped);
    }
}
