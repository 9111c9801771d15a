using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Statistics;

/// <summary>Price relative strength: evaluated close / market close, and the difference of their <c>period</c>-bar percent changes (as fractions).</summary>
public static class Prs
{
    public static readonly string[] Columns = ["prs", "prsPercent"];

    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "prs",
        Title = "Price relative strength",
        Category = "statistics",
        Parameters = [IndicatorParameter.Int("period", 20)],
        Outputs = Columns,
        RequiresMarket = true,
        WarmUp = _ => 0,
        Evaluate = (a, s, m) =>
        {
            var period = a.Int(0);
            var n = s.Count;
            var mc = Align.Closes(s, m);
            var r = IndicatorOutput.NewColumns(2, n);
            for (var i = 0; i < n; i++)
            {
                r[0][i] = s.Close[i] / mc[i];
                if (i >= period)
                {
                    var j = i - period;
                    r[1][i] = ((s.Close[i] - s.Close[j]) / s.Close[j]) - ((mc[i] - mc[j]) / mc[j]);
                }
            }

            return Out.Many(Columns, r);
        },
        CreatePairStream = a => new PrsStream(a.Int(0)),
    };
}
