using MarketIntel.Core.Backtesting;
using MarketIntel.Core.Trading;
using static MarketIntel.Core.Tests.Trading.TradingBars;

namespace MarketIntel.Core.Tests.Trading;

public sealed class RiskEngineTests
{
    private static ExecutionEngine Engine(RiskLimits limits, double cash = 1_000_000, double commission = 0, double slippage = 0) =>
        new(new ExecutionOptions { Limits = limits, Commission = CommissionModels.PerFill(commission), Slippage = SlippageModels.Fraction(slippage) }, cash, Day0);

    private static OrderRequest Order(string id, OrderSide side, double q, OrderType type = OrderType.Market, double? limit = null, string symbol = "X") =>
        new(id, symbol, side, type, q, limit, null, TimeInForce.Gtc);

    private static void Hold(ExecutionEngine e, string symbol, double q, double price)
    {
        e.Submit(Order("hold-" + symbol, q > 0 ? OrderSide.Buy : OrderSide.Sell, Math.Abs(q), symbol: symbol), Day0, price);
        e.OnBar(symbol, Daily(0, price, price, price, price), false);
    }

    [Fact]
    public void NoShort_CountsEveryWorkingSellAsFilled()
    {
        var e = Engine(new RiskLimits());
        Hold(e, "X", 10, 100);
        Assert.True(e.Submit(Order("s1", OrderSide.Sell, 6, OrderType.Limit, 200), Day0, 100).Decision!.Accepted);
        var d = e.Submit(Order("s2", OrderSide.Sell, 5, OrderType.Limit, 210), Day0, 100).Decision!;
        Assert.Equal(RiskRules.NoShort, d.Reason);
        var check = d.Checks[^1];
        Assert.Equal((10.0, 6.0, 5.0, -1.0), (check.Inputs["position"], check.Inputs["working_sells"], check.Inputs["quantity"], check.Inputs["short_bound"]));
        Assert.Equal(0, check.Thresholds["min_short_bound"]);
    }

    [Fact]
    public void MaxPosition_CountsWorkingBuysOnTheLongSideAndWorkingSellsOnTheShortSide()
    {
        var e = Engine(new RiskLimits { MaxPosition = 10, AllowShort = true });
        Hold(e, "X", 4, 100);
        Assert.True(e.Submit(Order("b1", OrderSide.Buy, 3, OrderType.Limit, 90), Day0, 100).Decision!.Accepted);
        Assert.True(e.Submit(Order("b2", OrderSide.Buy, 3, OrderType.Limit, 90), Day0, 100).Decision!.Accepted); // 4+6 = 10
        var over = e.Submit(Order("b3", OrderSide.Buy, 1, OrderType.Limit, 90), Day0, 100).Decision!;
        Assert.Equal(RiskRules.MaxPosition, over.Reason);
        Assert.Equal((11.0, 10.0), (over.Checks[^1].Inputs["long_bound"], over.Checks[^1].Thresholds["max_position"]));
        Assert.True(e.Submit(Order("s1", OrderSide.Sell, 14, OrderType.Limit, 200), Day0, 100).Decision!.Accepted); // 4−14 = −10
        Assert.Equal(RiskRules.MaxPosition, e.Submit(Order("s2", OrderSide.Sell, 1, OrderType.Limit, 200), Day0, 100).Decision!.Reason);
    }

    [Fact]
    public void InsufficientCash_ReservesWhatWorkingBuysMaySpendPlusOneCommissionEach()
    {
        var e = Engine(new RiskLimits(), cash: 1000, commission: 1);
        Assert.True(e.Submit(Order("b1", OrderSide.Buy, 5, OrderType.Limit, 100), Day0, 100).Decision!.Accepted); // reserves 501
        Assert.True(e.Submit(Order("b2", OrderSide.Buy, 4, OrderType.Limit, 100), Day0, 100).Decision!.Accepted); // needs 401 <= 499
        var d = e.Submit(Order("b3", OrderSide.Buy, 1, OrderType.Limit, 98), Day0, 100).Decision!; // needs 99 > 1000 − 902
        Assert.Equal(RiskRules.InsufficientCash, d.Reason);
        Assert.Equal((99.0, 902.0, 1000.0), (d.Checks[^1].Inputs["required"], d.Checks[^1].Inputs["reserved_by_working_buys"], d.Checks[^1].Thresholds["cash"]));
        Assert.True(e.Submit(Order("b4", OrderSide.Buy, 1, OrderType.Limit, 97), Day0, 100).Decision!.Accepted); // needs exactly 98: fits
        Assert.True(e.Cancel("b2", Day0));
        Assert.True(e.Submit(Order("b6", OrderSide.Buy, 1, OrderType.Limit, 98), Day0, 100).Decision!.Accepted);
    }

    [Fact]
    public void InsufficientCash_UsesTheSlippedOpenForMarketBuys()
    {
        var e = Engine(new RiskLimits(), cash: 1010, slippage: 0.01);
        Assert.Equal(RiskRules.InsufficientCash, e.Submit(Order("m", OrderSide.Buy, 10, OrderType.Market), Day0, 101).Decision!.Reason); // 10 × 102.01
        Assert.True(e.Submit(Order("m2", OrderSide.Buy, 10, OrderType.Market), Day0, 100).Decision!.Accepted); // 10 × 101
    }

    [Fact]
    public void MaxOrderNotional_ComparesQuantityTimesReferencePrice()
    {
        var e = Engine(new RiskLimits { MaxOrderNotional = 1000 });
        Assert.True(e.Submit(Order("a", OrderSide.Buy, 10, OrderType.Limit, 100), Day0, 100).Decision!.Accepted);
        var d = e.Submit(Order("b", OrderSide.Buy, 11, OrderType.Limit, 100), Day0, 100).Decision!;
        Assert.Equal((RiskRules.MaxOrderNotional, 1100.0), (d.Reason, d.Checks[^1].Inputs["notional"]));
    }

    [Fact]
    public void MaxGrossExposure_SumsWorstCasePositionsOverSymbols()
    {
        var e = Engine(new RiskLimits { MaxGrossExposure = 3000, AllowShort = true });
        Hold(e, "A", 10, 100); // 1000
        Hold(e, "B", -10, 50); // 500
        Assert.True(e.Submit(Order("c", OrderSide.Buy, 10, OrderType.Limit, 100, "C"), Day0, 100).Decision!.Accepted); // 2500
        var d = e.Submit(Order("d", OrderSide.Sell, 11, OrderType.Limit, 50, "B"), Day0, 50).Decision!; // B worst 21 × 50: 3050
        Assert.Equal((RiskRules.MaxGrossExposure, 3050.0), (d.Reason, d.Checks[^1].Inputs["gross_exposure"]));
        Assert.True(e.Submit(Order("e", OrderSide.Sell, 10, OrderType.Limit, 50, "B"), Day0, 50).Decision!.Accepted); // 3000
    }

    [Fact]
    public void MaxOpenPositions_CountsSymbolsThatWorkingOrdersCouldOpen()
    {
        var e = Engine(new RiskLimits { MaxOpenPositions = 2 });
        Hold(e, "A", 1, 10);
        Assert.True(e.Submit(Order("b", OrderSide.Buy, 1, OrderType.Limit, 5, "B"), Day0, 10).Decision!.Accepted);
        var d = e.Submit(Order("c", OrderSide.Buy, 1, OrderType.Limit, 5, "C"), Day0, 10).Decision!;
        Assert.Equal((RiskRules.MaxOpenPositions, 3.0), (d.Reason, d.Checks[^1].Inputs["open_positions"]));
        Assert.True(e.Submit(Order("a2", OrderSide.Buy, 1, OrderType.Limit, 5, "A"), Day0, 10).Decision!.Accepted);
    }

    [Fact]
    public void PriceCollar_RejectsALimitTooFarFromTheLastPrice()
    {
        var e = Engine(new RiskLimits { PriceCollar = 0.1 });
        Assert.True(e.Submit(Order("a", OrderSide.Buy, 1, OrderType.Limit, 90), Day0, 100).Decision!.Accepted);
        var d = e.Submit(Order("b", OrderSide.Buy, 1, OrderType.Limit, 89), Day0, 100).Decision!;
        Assert.Equal(RiskRules.PriceCollar, d.Reason);
        Assert.Equal(0.11, d.Checks[^1].Inputs["distance"], 12);
        Assert.True(e.Submit(Order("m", OrderSide.Buy, 1), Day0, 100).Decision!.Accepted); // market orders have no limit to collar
    }

    [Fact]
    public void OrderRate_AllowsAtMostNAcceptedOrdersInAnyTrailingMinute()
    {
        var e = Engine(new RiskLimits { MaxOrdersPerMinute = 3 });
        for (var i = 0; i < 3; i++)
        {
            Assert.True(e.Submit(Order("o" + i, OrderSide.Buy, 1, OrderType.Limit, 50), Day0.AddSeconds(i * 10), 100).Decision!.Accepted);
        }

        Assert.Equal(RiskRules.OrderRate, e.Submit(Order("o3", OrderSide.Buy, 1, OrderType.Limit, 50), Day0.AddSeconds(59), 100).Decision!.Reason);
        Assert.True(e.Submit(Order("o4", OrderSide.Buy, 1, OrderType.Limit, 50), Day0.AddSeconds(60), 100).Decision!.Accepted); // the first left the window
    }

    [Fact]
    public void Decision_RecordsEveryRuleEvaluatedInOrder_WhenAccepted()
    {
        var e = Engine(new RiskLimits { MaxPosition = 100, MaxOrderNotional = 1e6, PriceCollar = 0.5, MaxOrdersPerMinute = 10 });
        var d = e.Submit(Order("a", OrderSide.Buy, 1, OrderType.Limit, 90), Day0, 100).Decision!;
        Assert.True(d.Accepted);
        Assert.Null(d.Reason);
        Assert.Equal([RiskRules.NoShort, RiskRules.MaxPosition, RiskRules.InsufficientCash, RiskRules.MaxOrderNotional, RiskRules.PriceCollar, RiskRules.OrderRate], d.Checks.Select(c => c.Rule));
        Assert.All(d.Checks, c => Assert.True(c.Passed));
    }
}
