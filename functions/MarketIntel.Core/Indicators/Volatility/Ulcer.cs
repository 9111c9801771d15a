using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Volatility;

/// <summary>Ulcer index: root mean square of percent drawdowns from the running maximum close within the window.</summary>
public static class Ulcer
{
    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "ulcer",
        Title = "Ulcer index",
        Category = "volatility",
        Parameters = [IndicatorParameter.Int("period", 14)],
        Outputs = ["ulcerIndex"],
        WarmUp = a => a.Int(0) - 1,
        Evaluate = (a, s, _) => Out.One("ulcerIndex", Compute(s.Close, a.Int(0))),
        CreateStream = a => new UlcerStream(a.Int(0)),
    };

    public static double[] Compute(ReadOnlySpan<double> close, int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        var n = close.Length;
        var r = Out.New(n);
        for (var i = period - 1; i < n; i++)
        {
            var ss = 0.0;
            var max = double.MinValue;
            for (var j = i - period + 1; j <= i; j++)
            {
                max = Math.Max(max, close[j]);
                var dd = 100 * (close[j] - max) / max;
                ss += dd * dd;
            }

            r[i] = Math.Sqrt(ss / period);
        }

        return r;
    }
}
