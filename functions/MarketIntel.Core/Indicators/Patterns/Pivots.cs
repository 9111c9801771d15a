using MarketIntel.Core.Indicators.Catalog;

namespace MarketIntel.Core.Indicators.Patterns;

/// <summary>
/// Pivot points (swing highs/lows: a high above the <c>left</c> and <c>right</c> neighbours' highs, a low below their
/// lows) and the trend lines joining consecutive pivots of a kind no more than <c>maxTrendPeriods</c> bars apart,
/// labelled Hh/Lh (higher/lower high) and Hl/Ll. Known only <c>right</c> bars later (look-ahead by design).
/// </summary>
public static class Pivots
{
    private static readonly string[] TrendLabels = ["Hh", "Lh", "Hl", "Ll"];

    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "pivots",
        Title = "Pivots and trend lines",
        Category = "patterns",
        Parameters = [IndicatorParameter.Int("left", 2), IndicatorParameter.Int("right", 2), IndicatorParameter.Int("maxTrendPeriods", 20, 2)],
        Outputs = ["highPoint", "lowPoint", "highLine", "lowLine", "highTrend", "lowTrend"],
        WarmUp = a => a.Int(0),
        DataDependentWarmUp = true,
        Evaluate = (a, s, _) =>
        {
            int left = a.Int(0), right = a.Int(1), max = a.Int(2);
            var n = s.Count;
            var r = IndicatorOutput.NewColumns(6, n);
            for (var i = left; i + right < n; i++)
            {
                bool isHigh = true, isLow = true;
                for (var j = i - left; j <= i + right; j++)
                {
                    if (j != i)
                    {
                        isHigh &= s.High[i] > s.High[j];
                        isLow &= s.Low[i] < s.Low[j];
                    }
                }

                r[0][i] = isHigh ? s.High[i] : double.NaN;
                r[1][i] = isLow ? s.Low[i] : double.NaN;
            }

            Lines(r[0], r[2], r[4], max, 0);
            Lines(r[1], r[3], r[5], max, 2);
            return new IndicatorOutput([new IndicatorColumn("highPoint", r[0]), new IndicatorColumn("lowPoint", r[1]),
                new IndicatorColumn("highLine", r[2]), new IndicatorColumn("lowLine", r[3]),
                new IndicatorColumn("highTrend", r[4], IndicatorColumnKind.Label, TrendLabels), new IndicatorColumn("lowTrend", r[5], IndicatorColumnKind.Label, TrendLabels)]);
        },
    };

    private static void Lines(double[] points, double[] line, double[] trend, int max, int labelBase)
    {
        var last = -1;
        for (var i = 0; i < points.Length; i++)
        {
            if (double.IsNaN(points[i]))
            {
                continue;
            }

            if (last >= 0 && i - last <= max)
            {
                var slope = (points[i] - points[last]) / (i - last);
                var label = labelBase + (points[i] > points[last] ? 0 : 1);
                line[last] = points[last];
                for (var j = last + 1; j <= i; j++)
                {
                    line[j] = points[last] + (slope * (j - last));
                    trend[j] = label;
                }
            }

            last = i;
        }
    }
}
