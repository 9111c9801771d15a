using MarketIntel.Core.Backtesting;
using MarketIntel.Core.Scanning;
using MarketIntel.Core.Trading;
using static MarketIntel.Core.Tests.Trading.TradingBars;

namespace MarketIntel.Core.Tests.Trading;

public sealed class BracketTests
{
    private static ExecutionEngine Engine(double? participation = null) => new(new ExecutionOptions { MaxParticipation = participation }, 100_000, Day0);

    private static BracketRequest Long(double q = 10, TimeInForce tif = TimeInForce.Gtc) =>
        new(new OrderRequest("b", "X", OrderSide.Buy, OrderType.Limit, q, 100, null, tif), 95, 110);

    [Fact]
    public void LegsStartWorkingAfterTheEntryFills_FromTheNextBar_AndTheTargetCancelsTheStop()
    {
        var e = Engine();
        e.SubmitBracket(Long(), Day0, 101);
        e.OnBar("X", Daily(0, 101, 112, 99, 104), false); // entry fills at 100; this bar also reaches 110, but the legs were not working yet
        Assert.Equal(10, e.Account.PositionOf("X").Quantity);
        var stop = e.Find("b:stop")!;
        var target = e.Find("b:target")!;
        Assert.Equal((OrderType.Stop, OrderSide.Sell, 10.0, OrderStatus.Accepted), (stop.Request.Type, stop.Request.Side, stop.Request.Quantity, stop.Status));
        Assert.Equal((OrderType.Limit, OrderSide.Sell, 10.0, OrderStatus.Accepted), (target.Request.Type, target.Request.Side, target.Request.Quantity, target.Status));
        e.OnBar("X", Daily(1, 105, 111, 103, 109), false);
        Assert.Equal((OrderStatus.Filled, 110.0), (target.Status, target.AveragePrice));
        Assert.Equal((OrderStatus.Canceled, "oco"), (stop.Status, stop.Reason));
        Assert.Equal(0, e.Account.PositionOf("X").Quantity);
        Assert.Empty(e.Working);
    }

    [Fact]
    public void ABarReachingBothStopAndTarget_FillsTheStop()
    {
        var e = Engine();
        e.SubmitBracket(Long(), Day0, 101);
        e.OnBar("X", Daily(0, 100, 101, 99, 100), false);
        e.OnBar("X", Daily(1, 100, 111, 94, 100), false);
        Assert.Equal((OrderStatus.Filled, 95.0), (e.Find("b:stop")!.Status, e.Find("b:stop")!.AveragePrice));
        Assert.Equal(OrderStatus.Canceled, e.Find("b:target")!.Status);
    }

    [Fact]
    public void AnEntryThatNeverFills_NeverPlacesLegs()
    {
        var e = Engine();
        e.SubmitBracket(Long(tif: TimeInForce.Day), Day0, 101);
        e.OnBar("X", Daily(0, 101, 102, 100.5, 101), true);
        Assert.Equal(OrderStatus.Expired, e.Find("b")!.Status);
        Assert.Null(e.Find("b:stop"));
        Assert.Null(e.Find("b:target"));
    }

    [Fact]
    public void APartlyFilledEntryThatIsCanceled_ProtectsTheFilledQuantity()
    {
        var e = Engine(participation: 0.1);
        e.SubmitBracket(Long(), Day0, 101);
        e.OnBar("X", Daily(0, 100, 101, 99, 100, volume: 40), false);
        Assert.Null(e.Find("b:stop"));
        e.Cancel("b", Day0.AddHours(20));
        Assert.Equal(4, e.Find("b:stop")!.Request.Quantity);
        Assert.Equal(4, e.Find("b:target")!.Request.Quantity);
    }

    [Fact]
    public void BothLegsPassNoShort_BecauseAtMostOneOfThemCanFill()
    {
        var e = Engine();
        e.SubmitBracket(Long(), Day0, 101);
        e.OnBar("X", Daily(0, 100, 101, 99, 100), false);
        Assert.All(new[] { "b:stop", "b:target" }, id => Assert.Equal(OrderStatus.Accepted, e.Find(id)!.Status));
        Assert.Equal(RiskRules.NoShort, e.Submit(new OrderRequest("s", "X", OrderSide.Sell, OrderType.Market, 1), Day0.AddDays(1), 100).Order.Reason);
    }

    [Fact]
    public void ASetupBecomesALimitEntryWithItsStopAndTarget_AndAnInvertedBracketIsRejected()
    {
        var setup = new TradeSetup("scan", "X", Day0, 5, TradeSide.Short, 50, 53, 44, 3, 80, [], null!, false);
        var b = BracketRequest.FromSetup(setup, "s1", 20);
        Assert.Equal((OrderSide.Sell, OrderType.Limit, 50.0, 53.0, 44.0, TimeInForce.Day), (b.Entry.Side, b.Entry.Type, b.Entry.LimitPrice!.Value, b.StopLoss, b.TakeProfit, b.Entry.TimeInForce));
        var e = Engine();
        var r = e.SubmitBracket(new BracketRequest(new OrderRequest("bad", "X", OrderSide.Buy, OrderType.Market, 1), 110, 95), Day0, 100);
        Assert.Equal((OrderStatus.Rejected, "stop_not_below_target"), (r.Order.Status, r.Order.Reason));
    }
}
