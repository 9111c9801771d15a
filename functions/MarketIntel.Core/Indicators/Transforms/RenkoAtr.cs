using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Volatility;

namespace MarketIntel.Core.Indicators.Transforms;

/// <summary>Renko bricks sized by the LAST ATR value of the whole series (so the bricks repaint as bars arrive, by design).</summary>
public static class RenkoAtr
{
    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "renkoatr",
        Title = "Renko bricks (ATR size)",
        Category = "transforms",
        Parameters = [IndicatorParameter.Int("atrPeriod", 14), IndicatorParameter.Choice("endType", "close", "close")],
        Outputs = Renko.Columns,
        WarmUp = _ => 0,
        DataDependentWarmUp = true,
        Evaluate = (a, s, _) =>
        {
            var atr = Atr.Values(s.High, s.Low, s.Close, a.Int(0));
            var last = atr.Length == 0 ? double.NaN : atr[^1];
            // Without an ATR yet (fewer bars than the period) there is no brick size, so no bricks; the former stand-in,
            // double.MaxValue / 4, overflowed Renko's decimal grid (found by fuzzing a short series).
            return double.IsNaN(last) || last <= 0 ? Renko.Compute(BarSeries.From([]), 1) : Renko.Compute(s, last);
        },
    };
}
