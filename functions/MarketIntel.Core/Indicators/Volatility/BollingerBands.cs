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
        var r = new double[6][];
        for (var c = 0; c < 6; c++)
        {
            r[c] = Ma.Prefixed(n, period - 1);
        }

        var kernel = default(BollingerKernel);
        for (var i = 0; i < n; i++)
        {
            var start = Math.Max(0, i - period + 1);
            kernel.Push(source[i], i >= period ? source[i - period] : 0, source[start..(i + 1)], period, out var mean, out var sd);
            if (i >= period - 1)
            {
                Bands(source[i], mean, sd, deviations, out r[0][i], out r[1][i], out r[2][i], out r[3][i], out r[4][i], out r[5][i]);
            }
        }

        return r;
    }

    internal static void Bands(double x, double mean, double sd, double k, out double sma, out double upper, out double lower, out double percentB, out double zScore, out double width)
    {
        sma = mean;
        upper = mean + (k * sd);
        lower = mean - (k * sd);
        percentB = sd > 0 ? (x - lower) / (upper - lower) : double.NaN;
        zScore = sd > 0 ? (x - mean) / sd : double.NaN;
        width = (upper - lower) / mean;
    }
}
