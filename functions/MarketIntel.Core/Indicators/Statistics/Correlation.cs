using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Statistics;

/// <summary>Rolling correlation of the evaluated series' closes (A) with the market's (B): population variances, covariance, r and r².</summary>
public static class Correlation
{
    public static readonly string[] Columns = ["varianceA", "varianceB", "covariance", "correlation", "rSquared"];

    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "corr",
        Title = "Correlation coefficient",
        Category = "statistics",
        Parameters = [IndicatorParameter.Int("period", 20, 2)],
        Outputs = ["correlation", "varianceA", "varianceB", "covariance", "rSquared"],
        RequiresMarket = true,
        WarmUp = a => a.Int(0) - 1,
        Evaluate = (a, s, m) =>
        {
            var period = a.Int(0);
            var n = s.Count;
            var mc = Align.Closes(s, m);
            var r = IndicatorOutput.NewColumns(5, n);
            for (var i = period - 1; i < n; i++)
            {
                var (cov, va, vb) = Moments(s.Close, mc, i, period);
                var corr = va * vb > 0 ? cov / Math.Sqrt(va * vb) : double.NaN;
                r[0][i] = va;
                r[1][i] = vb;
                r[2][i] = cov;
                r[3][i] = corr;
                r[4][i] = corr * corr;
            }

            return Out.Many(Columns, r);
        },
        CreatePairStream = a => new CorrelationStream(a.Int(0)),
    };

    /// <summary>Population covariance and variances of two windows ending at <paramref name="end"/>.</summary>
    internal static (double Covariance, double VarianceA, double VarianceB) Moments(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int end, int period)
    {
        var ma = Window.Sum(a, end, period) / period;
        var mb = Window.Sum(b, end, period) / period;
        double cov = 0, va = 0, vb = 0;
        for (var j = end - period + 1; j <= end; j++)
        {
            var da = a[j] - ma;
            var db = b[j] - mb;
            cov += da * db;
            va += da * da;
            vb += db * db;
        }

        return (cov / period, va / period, vb / period);
    }
}
