using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Momentum;

/// <summary>
/// Price momentum oscillator (DecisionPoint): the 1-bar percent change smoothed with factor 2/timePeriods, times 10,
/// smoothed again with 2/smoothPeriods (each seeded by an SMA), and an EMA signal.
/// </summary>
public static class Pmo
{
    public static readonly string[] Columns = ["pmo", "signal"];

    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "pmo",
        Title = "Price momentum oscillator",
        Category = "momentum",
        Parameters = [IndicatorParameter.Int("timePeriods", 35, 2), IndicatorParameter.Int("smoothPeriods", 20), IndicatorParameter.Int("signal", 10)],
        Outputs = Columns,
        WarmUp = a => a.Int(0) + a.Int(1) - 1,
        Evaluate = (a, s, _) => Out.Many(Columns, Compute(s.Close, a.Int(0), a.Int(1), a.Int(2))),
        CreateStream = a => new PmoStream(a.Int(0), a.Int(1), a.Int(2)),
    };

    public static double[][] Compute(ReadOnlySpan<double> close, int timePeriods, int smoothPeriods, int signal)
    {
        var n = close.Length;
        var roc = Out.New(n);
        for (var i = 1; i < n; i++)
        {
            roc[i] = 100 * ((close[i] / close[i - 1]) - 1);
        }

        var e1 = Out.New(n);
        Ma.Smoothed(roc, timePeriods, 2.0 / timePeriods, e1);
        for (var i = 0; i < n; i++)
        {
            e1[i] *= 10;
        }

        var pmo = Out.New(n);
        Ma.Smoothed(e1, smoothPeriods, 2.0 / smoothPeriods, pmo);
        var sig = Out.New(n);
        Ma.Ema(pmo, signal, sig);
        return [pmo, sig];
    }
}
