using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Statistics;

/// <summary>Rolling population standard deviation of the close, its mean, and the close's z-score (empty when the deviation is 0).</summary>
public static class StdDev
{
    public static readonly string[] Columns = ["stdDev", "mean", "zScore"];

    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "stdev",
        Title = "Standard deviation",
        Category = "statistics",
        Parameters = [IndicatorParameter.Int("period", 20, 2)],
        Outputs = Columns,
        WarmUp = a => a.Int(0) - 1,
        Evaluate = (a, s, _) => Out.Many(Columns, Compute(s.Close, a.Int(0))),
        CreateStream = a => new StdDevStream(a.Int(0)),
    };

    public static double[][] Compute(ReadOnlySpan<double> close, int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 2);
        var n = close.Length;
        var r = IndicatorOutput.NewColumns(3, n);
        for (var i = period - 1; i < n; i++)
        {
            var sd = Window.StdDev(close, i, period, out var mean);
            r[0][i] = sd;
            r[1][i] = mean;
            r[2][i] = sd != 0 ? (close[i] - mean) / sd : double.NaN;
        }

        return r;
    }
}
