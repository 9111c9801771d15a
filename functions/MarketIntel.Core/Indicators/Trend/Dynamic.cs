using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Trend;

/// <summary>McGinley dynamic: d += (close - d) / (k · n · (close / d)^4), started at the first close (shown from bar 1).
/// A hundredfold price jump makes it overflow (±Infinity is reported as such); once it turns NaN that bar is empty
/// and the average restarts from that bar's close, the reference's convention.</summary>
public static class Dynamic
{
    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "dynamic",
        Title = "McGinley dynamic",
        Category = "trend",
        Parameters = [IndicatorParameter.Int("period", 14), IndicatorParameter.Real("kFactor", 0.6, 1e-6, 100)],
        Outputs = ["dynamic"],
        WarmUp = _ => 1,
        Evaluate = (a, s, _) => Out.One("dynamic", Compute(s.Close, a.Int(0), a.Real(1))),
        CreateStream = a => new DynamicStream(a.Int(0), a.Real(1)),
    };

    public static double[] Compute(ReadOnlySpan<double> close, int period, double k)
    {
        var r = Out.New(close.Length);
        if (close.Length == 0)
        {
            return r;
        }

        var d = close[0];
        for (var i = 1; i < close.Length; i++)
        {
            d += (close[i] - d) / (k * period * Math.Pow(close[i] / d, 4));
            r[i] = d;
            if (double.IsNaN(d))
            {
                d = close[i];
            }
        }

        return r;
    }
}
