using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Trend;

/// <summary>Tillson T3: six chained EMAs (each seeded with its first input, so there is no warm-up) combined with volume factor v.</summary>
public static class T3
{
    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "t3",
        Title = "Tillson T3 moving average",
        Category = "trend",
        Parameters = [IndicatorParameter.Int("period", 5), IndicatorParameter.Real("volumeFactor", 0.7, 0, 2)],
        Outputs = ["t3"],
        WarmUp = _ => 0,
        Evaluate = (a, s, _) => Out.One("t3", Compute(s.Close, a.Int(0), a.Real(1))),
        CreateStream = a => new T3Stream(a.Int(0), a.Real(1)),
    };

    public static double[] Compute(ReadOnlySpan<double> close, int period, double v)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        var n = close.Length;
        var c1 = -v * v * v;
        var c2 = (3 * v * v) + (3 * v * v * v);
        var c3 = (-6 * v * v) - (3 * v) - (3 * v * v * v);
        var c4 = 1 + (3 * v) + (v * v * v) + (3 * v * v);
        var e = new double[6][];
        for (var j = 0; j < 6; j++)
        {
            e[j] = Out.New(n);
            Ma.EmaFromFirst(j == 0 ? close : e[j - 1], period, e[j]);
        }

        var r = Out.New(n);
        for (var i = 0; i < n; i++)
        {
            r[i] = (c1 * e[5][i]) + (c2 * e[4][i]) + (c3 * e[3][i]) + (c4 * e[2][i]);
        }

        return r;
    }
}
