using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Momentum;

/// <summary>
/// Stochastic momentum index: double-smoothed distance of the close from the window's midpoint over half the
/// double-smoothed range; EMAs seeded with their first input (empty where the smoothed range is 0).
/// </summary>
public static class Smi
{
    public static readonly string[] Columns = ["smi", "signal"];

    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "smi",
        Title = "Stochastic momentum index",
        Category = "momentum",
        Parameters = [IndicatorParameter.Int("period", 13), IndicatorParameter.Int("firstSmooth", 25), IndicatorParameter.Int("secondSmooth", 2), IndicatorParameter.Int("signal", 3)],
        Outputs = Columns,
        WarmUp = a => a.Int(0) - 1,
        Evaluate = (a, s, _) => Out.Many(Columns, Compute(s.High, s.Low, s.Close, a.Int(0), a.Int(1), a.Int(2), a.Int(3))),
        CreateStream = a => new SmiStream(a.Int(0), a.Int(1), a.Int(2), a.Int(3)),
    };

    public static double[][] Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, int period, int first, int second, int signal)
    {
        var n = close.Length;
        var sm = Out.New(n);
        var hl = Out.New(n);
        for (var i = period - 1; i < n; i++)
        {
            var hh = Window.Max(high, i, period);
            var ll = Window.Min(low, i, period);
            sm[i] = close[i] - ((hh + ll) / 2);
            hl[i] = hh - ll;
        }

        var sm1 = Out.New(n);
        var sm2 = Out.New(n);
        var hl1 = Out.New(n);
        var hl2 = Out.New(n);
        Ma.EmaFromFirst(sm, first, sm1);
        Ma.EmaFromFirst(sm1, second, sm2);
        Ma.EmaFromFirst(hl, first, hl1);
        Ma.EmaFromFirst(hl1, second, hl2);
        var smi = Out.New(n);
        for (var i = 0; i < n; i++)
        {
            smi[i] = hl2[i] != 0 ? 100 * sm2[i] / (0.5 * hl2[i]) : double.NaN;
        }

        var sig = Out.New(n);
        Ma.EmaFromFirst(smi, signal, sig);
        return [smi, sig];
    }
}
