using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Volatility;

/// <summary>Choppiness index: 100 log10(sum of true ranges / (highest true high - lowest true low)) / log10(period).</summary>
public static class Chop
{
    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "chop",
        Title = "Choppiness index",
        Category = "volatility",
        Parameters = [IndicatorParameter.Int("period", 14, 2)],
        Outputs = ["chop"],
        WarmUp = a => a.Int(0),
        Evaluate = (a, s, _) => Out.One("chop", Compute(s.High, s.Low, s.Close, a.Int(0))),
        CreateStream = a => new ChopStream(a.Int(0)),
    };

    public static double[] Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, int period)
    {
        var n = close.Length;
        var r = Out.New(n);
        var tr = new double[n];
        var th = new double[n];
        var tl = new double[n];
        for (var i = 1; i < n; i++)
        {
            th[i] = Math.Max(high[i], close[i - 1]);
            tl[i] = Math.Min(low[i], close[i - 1]);
            tr[i] = th[i] - tl[i];
            if (i >= period)
            {
                var range = Window.Max(th, i, period) - Window.Min(tl, i, period);
                if (range != 0)
                {
                    r[i] = 100 * Math.Log10(Window.Sum(tr, i, period) / range) / Math.Log10(period);
                }
            }
        }

        return r;
    }
}
