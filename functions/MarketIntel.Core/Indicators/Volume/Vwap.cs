using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Volume;

/// <summary>
/// Volume-weighted average price of the typical price (H+L+C)/3, anchored at the first bar and never reset (the
/// reference's convention). Empty while the cumulative volume is zero.
/// </summary>
public static class Vwap
{
    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "vwap",
        Title = "Volume-weighted average price (anchored at the first bar)",
        Category = "volume",
        Outputs = ["vwap"],
        WarmUp = _ => 0,
        Evaluate = (_, s, _) => Out.One("vwap", Compute(s.High, s.Low, s.Close, s.Volume)),
        CreateStream = _ => new VwapStream(),
    };

    public static double[] Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, ReadOnlySpan<double> volume)
    {
        var r = Out.New(close.Length);
        double pv = 0, v = 0;
        for (var i = 0; i < close.Length; i++)
        {
            pv += volume[i] * (high[i] + low[i] + close[i]) / 3;
            v += volume[i];
            r[i] = v > 0 ? pv / v : double.NaN;
        }

        return r;
    }
}
