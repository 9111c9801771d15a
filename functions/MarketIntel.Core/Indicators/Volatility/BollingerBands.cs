using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Volatility;

/// <summary>
/// Bollinger bands: SMA ± k population standard deviations. Where the deviation is zero (a flat window) %B and the
/// z-score are undefined and left empty, as in the reference.
/// </summary>
public static class BollingerBands
{
    public static readonly string[] Columns = ["sma", "upperBand", "lowerBand", "percentB", "zScore", "width"];

    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "bb",
        Title = "Bollinger bands",
        Category = "volatility",
        Parameters = [IndicatorParameter.Int("period", 20, 2), IndicatorParameter.Real("deviations", 2, 0.01, 100)],
        Outputs = Columns,
        WarmUp = a => a.Int(0) - 1,
        Evaluate = (a, s, _) => Out.Many(Columns, Compute(s.Close, a.Int(0), a.Real(1))),
        CreateStream = a => new BollingerStream(a.Int(0), a.Real(1)),
    };

    public static double[][] Compute(ReadOnlySpan<double> source, int period, double deviations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 2);
        var n = source.Length;
        var r = IndicatorOutput.NewColumns(6, n);
        for (var i = period - 1; i < n; i++)
        {
            var sd = Window.StdDev(source, i, period, out var mean);
            var upper = mean + (deviations * sd);
            var lower = mean - (deviations * sd);
            r[0][i] = mean;
            r[1][i] = upper;
            r[2][i] = lower;
            r[3][i] = sd > 0 ? (source[i] - lower) / (upper - lower) : double.NaN;
            r[4][i] = sd > 0 ? (source[i] - mean) / sd : double.NaN;
            r[5][i] = (upper - lower) / mean;
        }

        return r;
    }
}
