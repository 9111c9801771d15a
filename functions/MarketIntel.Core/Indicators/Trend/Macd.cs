using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Trend;

/// <summary>Moving average convergence/divergence: fast EMA - slow EMA, its EMA as signal, and the difference.</summary>
public static class Macd
{
    public static readonly string[] Columns = ["macd", "signal", "histogram", "fastEma", "slowEma"];

    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "macd",
        Title = "Moving average convergence/divergence",
        Category = "trend",
        Parameters = [IndicatorParameter.Int("fast", 12), IndicatorParameter.Int("slow", 26), IndicatorParameter.Int("signal", 9)],
        Outputs = Columns,
        WarmUp = a => a.Int(1) - 1,
        Evaluate = (a, s, _) => Out.Many(Columns, Compute(s.Close, a.Int(0), a.Int(1), a.Int(2))),
        CreateStream = a => new MacdStream(a.Int(0), a.Int(1), a.Int(2)),
    };

    /// <summary>
    /// Columns macd, signal, histogram, fastEma, slowEma, in one pass: each EMA seeded by the SMA of its first values and
    /// stepped with <see cref="Ma.Step"/>, exactly as the separate kernels and the stream do.
    /// </summary>
    public static double[][] Compute(ReadOnlySpan<double> source, int fast, int slow, int signal)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fast, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(signal, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(slow, fast);
        var n = source.Length;
        var fastEma = Ma.Prefixed(n, fast - 1);
        var slowEma = Ma.Prefixed(n, slow - 1);
        var macd = Ma.Prefixed(n, slow - 1);
        var sig = Ma.Prefixed(n, slow + signal - 2);
        var hist = Ma.Prefixed(n, slow + signal - 2);
        double kf = 2.0 / (fast + 1), ks = 2.0 / (slow + 1), kg = 2.0 / (signal + 1);
        double sf = 0, ss = 0, sg = 0, ef = 0, es = 0, eg = 0;
        var i = 0;

        // Warm-up phases (seed sums) first, so that the steady-state loop below has no branches.
        for (; i < n && i < slow + signal - 1; i++)
        {
            var x = source[i];
            if (i < fast)
            {
                sf += x;
                if (i == fast - 1)
                {
                    ef = sf / fast;
                    fastEma[i] = ef;
                }
            }
            else
            {
                ef = Ma.Step(ef, x, kf);
                fastEma[i] = ef;
            }

            if (i < slow)
            {
                ss += x;
                if (i < slow - 1)
                {
                    continue;
                }

                es = ss / slow;
            }
            else
            {
                es = Ma.Step(es, x, ks);
            }

            slowEma[i] = es;
            var m = ef - es;
            macd[i] = m;
            sg += m;
            if (i == slow + signal - 2)
            {
                eg = sg / signal;
                sig[i] = eg;
                hist[i] = m - eg;
            }
        }

        for (; i < n; i++)
        {
            var x = source[i];
            ef = Ma.Step(ef, x, kf);
            es = Ma.Step(es, x, ks);
            var m = ef - es;
            eg = Ma.Step(eg, m, kg);
            fastEma[i] = ef;
            slowEma[i] = es;
            macd[i] = m;
            sig[i] = eg;
            hist[i] = m - eg;
        }

        return [macd, sig, hist, fastEma, slowEma];
    }
}
