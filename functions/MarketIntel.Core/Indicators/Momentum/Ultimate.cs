using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Momentum;

/// <summary>Ultimate oscillator: buying pressure over true range averaged over three windows, weighted 4:2:1.</summary>
public static class Ultimate
{
    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "ultimate",
        Title = "Ultimate oscillator",
        Category = "momentum",
        Parameters = [IndicatorParameter.Int("short", 7), IndicatorParameter.Int("middle", 14), IndicatorParameter.Int("long", 28)],
        Outputs = ["ultimate"],
        WarmUp = a => a.Int(2),
        Evaluate = (a, s, _) => Out.One("ultimate", Compute(s.High, s.Low, s.Close, a.Int(0), a.Int(1), a.Int(2))),
        CreateStream = a => new UltimateStream(a.Int(0), a.Int(1), a.Int(2)),
    };

    public static double[] Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, int s, int m, int l)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(s, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(m, s);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(l, m);
        var n = close.Length;
        var r = Out.New(n);
        var bp = new double[n];
        var tr = new double[n];
        for (var i = 1; i < n; i++)
        {
            var pc = close[i - 1];
            bp[i] = close[i] - Math.Min(low[i], pc);
            tr[i] = Math.Max(high[i], pc) - Math.Min(low[i], pc);
            if (i >= l)
            {
                var t1 = Window.Sum(tr, i, s);
                var t2 = Window.Sum(tr, i, m);
                var t3 = Window.Sum(tr, i, l);
                var a1 = t1 == 0 ? 0 : Window.Sum(bp, i, s) / t1;
                var a2 = t2 == 0 ? 0 : Window.Sum(bp, i, m) / t2;
                var a3 = t3 == 0 ? 0 : Window.Sum(bp, i, l) / t3;
                r[i] = 100 * ((4 * a1) + (2 * a2) + a3) / 7;
            }
        }

        return r;
    }
}
