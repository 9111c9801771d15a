using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Statistics;

/// <summary>
/// Rolling least-squares line of the close against the bar number (1-based): slope, intercept, the close's population
/// standard deviation and R². <c>line</c> draws the last window's line over the last <c>period</c> bars.
/// </summary>
public static class Slope
{
    public static readonly string[] Columns = ["slope", "intercept", "stdDev", "rSquared", "line"];

    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "slope",
        Title = "Linear regression slope",
        Category = "statistics",
        Parameters = [IndicatorParameter.Int("period", 14, 2)],
        Outputs = Columns,
        WarmUp = a => a.Int(0) - 1,
        Evaluate = (a, s, _) => Out.Many(Columns, Compute(s.Close, a.Int(0))),
        CreateStream = a => new SlopeStream(a.Int(0)),
    };

    /// <summary>Least squares over <c>y[end-period+1..end]</c> against x = index + 1.</summary>
    internal static (double Slope, double Intercept, double StdDevY, double RSquared) Fit(ReadOnlySpan<double> y, int end, int period) =>
        Fit(y.Slice(end - period + 1, period), end - period + 2);

    /// <summary>Least squares of a window against x = <paramref name="firstX"/>, firstX + 1, ... (shared with the streams).</summary>
    internal static (double Slope, double Intercept, double StdDevY, double RSquared) Fit(ReadOnlySpan<double> window, int firstX)
    {
        var period = window.Length;
        double sx = 0, sy = 0;
        for (var t = 0; t < period; t++)
        {
            sx += firstX + t;
            sy += window[t];
        }

        var ax = sx / period;
        var ay = sy / period;
        double sxx = 0, syy = 0, sxy = 0;
        for (var t = 0; t < period; t++)
        {
            var dx = firstX + t - ax;
            var dy = window[t] - ay;
            sxx += dx * dx;
            syy += dy * dy;
            sxy += dx * dy;
        }

        var slope = sxy / sxx;
        var intercept = ay - (slope * ax);
        var sdx = Math.Sqrt(sxx / period);
        var sdy = Math.Sqrt(syy / period);
        var r = sdx * sdy != 0 ? sxy / period / (sdx * sdy) : double.NaN;
        return (slope, intercept, sdy, r * r);
    }

    public static double[][] Compute(ReadOnlySpan<double> close, int period)
    {
        var n = close.Length;
        var r = IndicatorOutput.NewColumns(5, n);
        for (var i = period - 1; i < n; i++)
        {
            var (slope, intercept, sd, r2) = Fit(close, i, period);
            r[0][i] = slope;
            r[1][i] = intercept;
            r[2][i] = sd;
            r[3][i] = r2;
        }

        if (n >= period)
        {
            for (var i = n - period; i < n; i++)
            {
                r[4][i] = (r[0][n - 1] * (i + 1)) + r[1][n - 1];
            }
        }

        return r;
    }
}
