using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Statistics;

/// <summary>SMA with its window's mean absolute deviation, mean squared error and mean absolute percentage error (as a fraction).</summary>
public static class SmaAnalysis
{
    public static readonly string[] Columns = ["sma", "mad", "mse", "mape"];

    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "smaanalysis",
        Title = "SMA analysis",
        Category = "statistics",
        Parameters = [IndicatorParameter.Int("period", 20)],
        Outputs = Columns,
        WarmUp = a => a.Int(0) - 1,
        Evaluate = (a, s, _) =>
        {
            var period = a.Int(0);
            var r = IndicatorOutput.NewColumns(4, s.Count);
            var c = s.Close;
            for (var i = period - 1; i < s.Count; i++)
            {
                var sma = Window.Sum(c, i, period) / period;
                double mad = 0, mse = 0, mape = 0;
                for (var j = i - period + 1; j <= i; j++)
                {
                    var d = c[j] - sma;
                    mad += Math.Abs(d);
                    mse += d * d;
                    mape += Math.Abs(d) / c[j];
                }

                r[0][i] = sma;
                r[1][i] = mad / period;
                r[2][i] = mse / period;
                r[3][i] = mape / period;
            }

            return Out.Many(Columns, r);
        },
        CreateStream = a => new SmaAnalysisStream(a.Int(0)),
    };
}
