using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Statistics;

/// <summary>
/// Hurst exponent by rescaled-range analysis of the last <c>period</c> log returns: for chunk sizes period/1, /2, /4 ...
/// (while at least 8, at most 32 chunks), chunks taken back from the newest return, the mean R/S (population deviation;
/// a flat chunk adds 0) against the size on log-log axes; the exponent is the least-squares slope.
/// <para><c>hurstExponentAL</c> removes the small-sample bias of R/S (Anis and Lloyd 1976): each size's mean R/S is
/// shifted by √(πn/2) − E[R/S]ₙ, the asymptotic minus the exact expectation for independent returns,
/// E[R/S]ₙ = Γ((n−1)/2) / (√π Γ(n/2)) · Σⱼ₌₁ⁿ⁻¹ √((n−j)/j) (for n &gt; 340 the gamma ratio is √(2/(π(n−1))), Peters 1994),
/// so a random walk scores about 0.5 even on short windows.</para>
/// </summary>
public static class Hurst
{
    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "hurst",
        Title = "Hurst exponent",
        Category = "statistics",
        Parameters = [IndicatorParameter.Int("period", 100, 20)],
        Outputs = ["hurstExponent", "hurstExponentAL"],
        WarmUp = a => a.Int(0),
        Evaluate = (a, s, _) =>
        {
            var period = a.Int(0);
            var n = s.Count;
            var r = Out.New(n);
            var al = Out.New(n);
            var returns = Out.New(n);
            for (var i = 1; i < n; i++)
            {
                returns[i] = Math.Log(s.Close[i] / s.Close[i - 1]);
            }

            for (var i = period; i < n; i++)
            {
                (r[i], al[i]) = Exponents(returns.AsSpan(i - period + 1, period));
            }

            return Out.Many(["hurstExponent", "hurstExponentAL"], r, al);
        },
        CreateStream = a => new HurstStream(a.Int(0)),
    };

    /// <summary>The raw and the Anis-Lloyd corrected exponent of one window.</summary>
    internal static (double Raw, double Corrected) Exponents(ReadOnlySpan<double> values)
    {
        var total = values.Length;
        Span<double> xs = stackalloc double[MaxSets];
        Span<double> ys = stackalloc double[MaxSets];
        Span<double> corrected = stackalloc double[MaxSets];
        var k = 0;
        for (var chunks = 1; chunks <= MaxChunks && total / chunks >= 8; chunks *= 2)
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
            var shifted = (rs / chunks) + Math.Sqrt(Math.PI * size / 2) - ExpectedRescaledRange(size);
            corrected[k] = shifted > 0 ? Math.Log10(shifted) : double.NaN;
            k++;
        }

        return (Slope(xs[..k], ys[..k]), Slope(xs[..k], corrected[..k]));
    }

    /// <summary>Anis-Lloyd expectation of R/S for <paramref name="n"/> independent normal returns.</summary>
    internal static double ExpectedRescaledRange(int n)
    {
        double sum = 0;
        for (var j = 1; j < n; j++)
        {
            sum += Math.Sqrt((double)(n - j) / j);
        }

        var gamma = n <= 340
            ? Math.Exp(Backtesting.Distributions.LogGamma((n - 1) / 2.0) - Backtesting.Distributions.LogGamma(n / 2.0)) / Math.Sqrt(Math.PI)
            : Math.Sqrt(2 / (Math.PI * (n - 1)));
        return gamma * sum;
    }

    private const int MaxChunks = 32;
    private const int MaxSets = 6;

    private static double Slope(ReadOnlySpan<double> xs, ReadOnlySpan<double> ys)
    {
        var k = xs.Length;
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
