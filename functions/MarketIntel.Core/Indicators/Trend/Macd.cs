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

    /// <summary>Columns macd, signal, histogram, fastEma, slowEma.</summary>
    public static double[][] Compute(ReadOnlySpan<double> source, int fast, int slow, int signal)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fast, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(signal, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(slow, fast);
        var n = source.Length;
        var r = IndicatorOutput.NewColumns(5, n);
        Ma.Ema(source, fast, r[3]);
        Ma.Ema(source, slow, r[4]);
        for (var i = slow - 1; i < n; i++)
        {
            r[0][i] = r[3][i] - r[4][i];
        }

        Ma.Ema(r[0], signal, r[1]);
        for (var i = 0; i < n; i++)
        {
            r[2][i] = r[0][i] - r[1][i];
        }

        return r;
    }
}
