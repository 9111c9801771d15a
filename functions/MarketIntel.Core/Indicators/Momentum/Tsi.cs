using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Momentum;

/// <summary>True strength index: double-smoothed momentum over double-smoothed absolute momentum (0 when there is no movement), EMA signal.</summary>
public static class Tsi
{
    public static readonly string[] Columns = ["tsi", "signal"];

    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "tsi",
        Title = "True strength index",
        Category = "momentum",
        Parameters = [IndicatorParameter.Int("long", 25), IndicatorParameter.Int("short", 13), IndicatorParameter.Int("signal", 7)],
        Outputs = Columns,
        WarmUp = a => a.Int(0) + a.Int(1) - 1,
        Evaluate = (a, s, _) => Out.Many(Columns, Compute(s.Close, a.Int(0), a.Int(1), a.Int(2))),
        CreateStream = a => new TsiStream(a.Int(0), a.Int(1), a.Int(2)),
    };

    public static double[][] Compute(ReadOnlySpan<double> close, int longPeriod, int shortPeriod, int signal)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(longPeriod, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(shortPeriod, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(signal, 1);
        var n = close.Length;
        var m = Out.New(n);
        var am = Out.New(n);
        for (var i = 1; i < n; i++)
        {
            m[i] = close[i] - close[i - 1];
            am[i] = Math.Abs(m[i]);
        }

        var m1 = Out.New(n);
        var m2 = Out.New(n);
        var a1 = Out.New(n);
        var a2 = Out.New(n);
        Ma.Ema(m, longPeriod, m1);
        Ma.Ema(m1, shortPeriod, m2);
        Ma.Ema(am, longPeriod, a1);
        Ma.Ema(a1, shortPeriod, a2);
        var tsi = Out.New(n);
        for (var i = 0; i < n; i++)
        {
            if (!double.IsNaN(a2[i]))
            {
                tsi[i] = a2[i] != 0 ? 100 * m2[i] / a2[i] : 0;
            }
        }

        var sig = Out.New(n);
        Ma.Ema(tsi, signal, sig);
        return [tsi, sig];
    }
}
