using MarketIntel.Core.Scanning;
using MarketIntel.Core.Trading;

namespace MarketIntel.Core.Tests.Trading;

public sealed class SizingTests
{
    [Fact]
    public void FixedFractional_RisksTheFractionOfEquityBetweenEntryAndStop() =>
        Assert.Equal(100_000 * 0.01 / 2.5, new FixedFractionalSizing(0.01).Quantity(new SizingInput(100_000, 50, 47.5)), 9);

    [Fact]
    public void AtrTarget_SizesInverselyToVolatility()
    {
        var rule = new AtrTargetSizing(0.01, 2);
        Assert.Equal(250, rule.Quantity(new SizingInput(100_000, 50, Atr: 2)), 9);
        Assert.Equal(125, rule.Quantity(new SizingInput(100_000, 50, Atr: 4)), 9);
    }

    [Theory]
    [InlineData(0.6, 2, 1, 0.4)] // 0.6 − 0.4/2 = 0.4 (capped at 1 here: no effect)
    [InlineData(0.6, 2, 0.25, 0.25)] // capped
    [InlineData(0.3, 2, 0.25, 0)] // 0.3 − 0.7/2 < 0: no edge, no trade
    public void Kelly_IsHitRateMinusLossRateOverPayoff_ClampedToTheCap(double p, double b, double cap, double expected) =>
        Assert.Equal(expected, new KellySizing(p, b, cap).Fraction, 12);

    [Fact]
    public void Kelly_FromScanStatistics_DerivesThePayoffFromHitRateAndMeanR()
    {
        // p = 0.5, mean R = 0.5 with losses at −1R: wins average 2R, so f = 0.5 − 0.5/2 = 0.25.
        var k = KellySizing.FromStatistics(new ScanStatistics { HitRate = 0.5, AverageR = 0.5 }, 1);
        Assert.Equal(0.25, k.Fraction, 12);
        Assert.Equal(100_000 * 0.25 / 5, k.Quantity(new SizingInput(100_000, 100, 95)), 9);
    }

    [Fact]
    public void OrderSizer_NeverExceedsTheRiskLimits_AndRoundsToTheInstrument()
    {
        var rule = new FixedFractionalSizing(0.02);
        var input = new SizingInput(100_000, 50, 49); // 2000 units raw
        Assert.Equal(2000, OrderSizer.Size(rule, input, new RiskLimits(), InstrumentRules.WholeUnits));
        Assert.Equal(300, OrderSizer.Size(rule, input, new RiskLimits { MaxPosition = 300 }, InstrumentRules.WholeUnits));
        Assert.Equal(199, OrderSizer.Size(rule, input, new RiskLimits { MaxOrderNotional = 9_999 }, InstrumentRules.WholeUnits));
        Assert.Equal(199.98, OrderSizer.Size(rule, input, new RiskLimits { MaxOrderNotional = 9_999 }, new InstrumentRules(true, 0.01)), 9);
    }
}
