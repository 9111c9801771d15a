using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Trend;

/// <summary>TRIX: percent change of a triple EMA (the inner EMAs seeded with their first input, as in DEMA/TEMA).</summary>
public static class Trix
{
    public static readonly string[] Columns = ["ema3", "trix"];

    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "trix",
        Title = "TRIX",
        Category = "trend",
        Parameters = [IndicatorParameter.Int("period", 14)],
        Outputs = ["trix", "ema3"],
        WarmUp = a => a.Int(0),
        Evaluate = (a, s, _) => Out.Many(Columns, Compute(s.Close, a.Int(0))),
        CreateStream = a => new TrixStream(a.Int(0)),
    };

    public static double[][] Compute(ReadOnlySpan<double> close, int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        var n = close.Length;
        var e1 = Out.New(n);
        var e2 = Out.New(n);
        var e3 = Out.New(n);
        Ma.Ema(close, period, e1);
        Ma.EmaFromFirst(e1, period, e2);
        Ma.EmaFromFirst(e2, period, e3);
        var trix = Out.New(n);
        for (var i = period; i < n; i++)
        {
            trix[i] = 100 * (e3[i] - e3[i - 1]) / e3[i - 1];
        }

        if (period - 1 < n)
        {
            e3[period - 1] = double.NaN;
        }

        return [e3, trix];
    }
}
