using MarketIntel.Core.Backtesting;
using MarketIntel.Core.Trading;
using static MarketIntel.Core.Tests.Trading.TradingBars;

namespace MarketIntel.Core.Tests.Trading;

public sealed class BarFillModelTests
{
    private static readonly ISlippageModel S = SlippageModels.Fraction(0.01);

    [Fact]
    public void Market_FillsAtTheOpenWithAdverseSlippage()
    {
        var bar = Daily(0, 100, 110, 90, 105);
        Assert.Equal(101, BarFillModel.Market(OrderSide.Buy, bar, S), 12);
        Assert.Equal(99, BarFillModel.Market(OrderSide.Sell, bar, S), 12);
    }

    [Theory]
    [InlineData(100.0, 110.0, 95.0, 98.0, 98.0)] // range reaches the limit: at the limit
    [InlineData(97.0, 110.0, 95.0, 98.0, 97.0)] // gapped below the limit: at the (better) open
    [InlineData(100.0, 110.0, 99.0, 98.0, null)] // never reaches it
    [InlineData(98.0, 110.0, 99.0, 98.0, 98.0)] // opens exactly at it
    public void BuyLimit_AtOpenIfAtOrBelow_ElseAtTheLimitIfTheLowReachesIt(double open, double high, double low, double limit, double? expected) =>
        Assert.Equal(expected, BarFillModel.Limit(OrderSide.Buy, limit, Daily(0, open, high, low, open)));

    [Theory]
    [InlineData(100.0, 103.0, 95.0, 102.0, 102.0)]
    [InlineData(104.0, 106.0, 95.0, 102.0, 104.0)] // gapped above: at the open
    [InlineData(100.0, 101.0, 95.0, 102.0, null)]
    public void SellLimit_Mirrored(double open, double high, double low, double limit, double? expected) =>
        Assert.Equal(expected, BarFillModel.Limit(OrderSide.Sell, limit, Daily(0, open, high, low, open)));

    [Theory]
    [InlineData(100.0, 106.0, 95.0, 105.0, 105 * 1.01)] // reached inside the bar: at the stop, slipped
    [InlineData(108.0, 110.0, 107.0, 105.0, 108 * 1.01)] // gapped through: at the open, slipped
    [InlineData(100.0, 104.0, 95.0, 105.0, null)]
    public void BuyStop_AtTheOpenIfGappedThrough_ElseAtTheStop(double open, double high, double low, double stop, double? expected)
    {
        var price = BarFillModel.Stop(OrderSide.Buy, stop, Daily(0, open, high, low, open), S);
        Assert.Equal(expected.HasValue, price.HasValue);
        if (expected is { } e)
        {
            Assert.Equal(e, price!.Value, 12);
        }
    }

    [Theory]
    [InlineData(100.0, 101.0, 94.0, 95.0, 95 * 0.99)]
    [InlineData(92.0, 93.0, 90.0, 95.0, 92 * 0.99)] // gapped down through the stop
    [InlineData(100.0, 101.0, 96.0, 95.0, null)]
    public void SellStop_Mirrored(double open, double high, double low, double stop, double? expected)
    {
        var price = BarFillModel.Stop(OrderSide.Sell, stop, Daily(0, open, high, low, open), S);
        Assert.Equal(expected.HasValue, price.HasValue);
        if (expected is { } e)
        {
            Assert.Equal(e, price!.Value, 12);
        }
    }

    [Theory]
    [InlineData(OrderSide.Buy, 105.0, 106.0, 105.0)]
    [InlineData(OrderSide.Buy, 108.0, 106.0, null)] // gapped beyond the limit: no fill on the trigger bar
    [InlineData(OrderSide.Sell, 95.0, 94.0, 95.0)]
    [InlineData(OrderSide.Sell, 92.0, 94.0, null)]
    public void StopLimitOnTriggerBar_FillsAtTheTriggerPriceOnlyWithinTheLimit(OrderSide side, double trigger, double limit, double? expected) =>
        Assert.Equal(expected, BarFillModel.StopLimitOnTrigger(side, trigger, limit));

    [Theory]
    [InlineData(10.0, null, 0.0, 10.0)]
    [InlineData(10.0, 0.1, 30.0, 3.0)]
    [InlineData(2.0, 0.1, 30.0, 2.0)]
    [InlineData(10.0, 0.1, 0.0, 0.0)] // zero volume fills nothing
    [InlineData(100.0, 0.29, 100.0, 29.0)] // 0.29 × 100 in doubles is 28.999…; the cap is computed exactly
    [InlineData(100.0, 0.5, 3.0, 1.0)]
    public void Quantity_IsTheRemainingOrFloorOfParticipationTimesVolume(double remaining, double? p, double volume, double expected) =>
        Assert.Equal(expected, BarFillModel.Quantity(remaining, p, (decimal)volume));

    [Fact]
    public void ReferencePrice_FollowsTheContractPerOrderType()
    {
        Assert.Equal(101, BarFillModel.ReferencePrice(new("a", "X", OrderSide.Buy, OrderType.Market, 1), 100, S), 12);
        Assert.Equal(99, BarFillModel.ReferencePrice(new("a", "X", OrderSide.Buy, OrderType.Limit, 1, LimitPrice: 99), 100, S), 12);
        Assert.Equal(99, BarFillModel.ReferencePrice(new("a", "X", OrderSide.Buy, OrderType.StopLimit, 1, 99, 98), 100, S), 12);
        Assert.Equal(105 * 1.01, BarFillModel.ReferencePrice(new("a", "X", OrderSide.Buy, OrderType.Stop, 1, StopPrice: 105), 100, S), 12);
        Assert.Equal(100 * 1.01, BarFillModel.ReferencePrice(new("a", "X", OrderSide.Buy, OrderType.Stop, 1, StopPrice: 95), 100, S), 12);
    }
}
