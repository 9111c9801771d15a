using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Momentum;

/// <summary>ROC with bands: the rate of change, its EMA, and ± the root mean square of the last <c>stdDevPeriod</c> ROC values.</summary>
public static class RocWb
{
    public static readonly string[] Columns = ["roc", "rocEma", "upperBand", "lowerBand"];

    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "rocwb",
        Title = "Rate of change with bands",
        Category = "momentum",
        Parameters = [IndicatorParameter.Int("period", 20), IndicatorParameter.Int("emaPeriod", 5), IndicatorParameter.Int("stdDevPeriod", 5)],
        Outputs = Columns,
        WarmUp = a => a.Int(0),
        Evaluate = (a, s, _) =>
        {
            var n = s.Count;
            var period = a.Int(0);
            var sd = a.Int(2);
            var roc = Roc.Compute(s.Close, period)[1];
            var ema = Out.New(n);
            Ma.Ema(roc, a.Int(1), ema);
            var u = Out.New(n);
            var l = Out.New(n);
            var sq = new double[n];
            for (var i = period; i < n; i++)
            {
                sq[i] = roc[i] * roc[i];
                if (i >= period + sd - 1)
                {
                    var b = Math.Sqrt(Window.Sum(sq, i, sd) / sd);
                    u[i] = b;
                    l[i] = -b;
                }
            }

            return Out.Many(Columns, roc, ema, u, l);
        },
        CreateStream = a => new RocWbStream(a.Int(0), a.Int(1), a.Int(2)),
    };
}
