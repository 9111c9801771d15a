using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Statistics;

/// <summary>
/// Hurst exponent by rescaled-range analysis of the last <c>period</c> log returns: for chunk sizes period/1, /2, /4 ...
/// (while at least 8), chunks taken back from the newest return, the mean R/S (population deviation; a flat chunk adds
/// 0) against the size on log-log axes; the exponent is the least-squares slope. The reference's Anis-Lloyd corrected
/// variant (hurstExponentAL) is not provided.
/// </summary>
public static class Hurst
{
    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "hurst",
        Title = "Hurst exponent",
        Category = "statistics",
        Parameters = [IndicatorParameter.Int("period", 100, 20)],
        Outputs = ["hurstExponent"],
        WarmUp = a => a.Int(0),
        Evaluate = (a, s, _) =>
        {
            var period = a.Int(0);
            var n = s.Count;
            var r = Out.New(n);
            var returns = Out.New(n);
            for (var i = 1; i < n; i++)
            {
                returns[i] = Math.Log(s.Close[i] / s.Close[i - 1]);
            }

            for (var i = period; i < n; i++)
            {
                r[i] = Exponent(returns.AsSpan(i - period + 1, period));
            }

            return Out.One("hurstExponent", r);
        },
        CreateStream = a => new HurstStream(a.Int(0)),
    };

    internal static double Exponent(ReadOnlySpan<double> values)
    {
        var total = values.Length;
        Span<double> xs = stackalloc double[32];
        Span<double> ys = stackalloc double[32];
        var k = 0;
        for (var chunks = 1; total / chunks >= 8; chunks *= 2)
        {
            var size = total / chunks;
            var rs = 0.0;
            for (var c = 0; c < chunks; c++)
            {
                var seg = values.Slice(total - ((c + 1) * size), size);
                var mean = Window.Sum(seg, size - 1, size) / size;
                double y = 0, max = double.MinValue, min = double.MaxValue, ss = 0;
                foreach (var v in seg)
                {
                    y += v - mean;
                    max = Math.Max(max, y);
                    min = Math.Min(min, y);
                    ss += (v - mean) * (v - mean);
                }

                var sd = Math.Sqrt(ss / size);
                rs += sd > 0 ? (max - min) / sd : 0;
            }

            xs[k] = Math.Log10(size);
            ys[k] = Math.Log10(rs / chunks);
            k++;
        }

        double ax = 0, ay = 0;
        for (var j = 0; j < k; j++)
        {
            ax += xs[j];
            ay += ys[j];
        }

        ax /= k;
        ay /= k;
        double sxy = 0, sxx = 0;
        for (var j = 0; j < k; j++)
        {
            sxy += (xs[j] - ax) * (ys[j] - ay);
            sxx += (xs[j] - ax) * (xs[j] - ax);
        }

        return sxy / sxx;
    }
}
