using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Momentum;

/// <summary>Balance of power: SMA of (close - open) / (high - low), a bar without range has no value, so windows holding one are empty (the reference's convention).</summary>
public static class Bop
{
    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "bop",
        Title = "Balance of power",
        Category = "momentum",
        Parameters = [IndicatorParameter.Int("period", 14)],
        Outputs = ["bop"],
        WarmUp = a => a.Int(0) - 1,
        Evaluate = (a, s, _) => Out.One("bop", Compute(s.Open, s.High, s.Low, s.Close, a.Int(0))),
        CreateStream = a => new BopStream(a.Int(0)),
    };

    public static double[] Compute(ReadOnlySpan<double> open, ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, int period)
    {
        var n = close.Length;
        var raw = new double[n];
        for (var i = 0; i < n; i++)
        {
            raw[i] = high[i] != low[i] ? (close[i] - open[i]) / (high[i] - low[i]) : double.NaN;
        }

        var r = Out.New(n);
        Ma.Sma(raw, period, r);
        return r;
    }
}
