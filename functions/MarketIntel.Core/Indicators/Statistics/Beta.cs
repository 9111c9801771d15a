using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Statistics;

/// <summary>
/// Beta of the evaluated series against the market: covariance of 1-bar returns over variance of the market's, over
/// <c>period</c> returns (the first bar's return is 0 and never enters a window). Only the standard beta is computed;
/// betaUp, betaDown, ratio and convexity (the reference's other beta types) are empty columns.
/// </summary>
public static class Beta
{
    public static readonly string[] Columns = ["beta", "betaUp", "betaDown", "ratio", "convexity", "returnsEval", "returnsMrkt"];

    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "beta",
        Title = "Beta coefficient",
        Category = "statistics",
        Parameters = [IndicatorParameter.Int("period", 50, 2)],
        Outputs = Columns,
        RequiresMarket = true,
        WarmUp = a => a.Int(0),
        Evaluate = (a, s, m) =>
        {
            var period = a.Int(0);
            var n = s.Count;
            var mc = Align.Closes(s, m);
            var r = IndicatorOutput.NewColumns(7, n);
            for (var i = 0; i < n; i++)
            {
                r[5][i] = i == 0 ? 0 : (s.Close[i] / s.Close[i - 1]) - 1;
                r[6][i] = i == 0 ? 0 : (mc[i] / mc[i - 1]) - 1;
                if (i >= period)
                {
                    var (cov, _, varM) = Correlation.Moments(r[5], r[6], i, period);
                    r[0][i] = varM != 0 ? cov / varM : double.NaN;
                }
            }

            return Out.Many(Columns, r);
        },
        CreatePairStream = a => new BetaStream(a.Int(0)),
    };
}
