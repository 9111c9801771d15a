using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Trend;

/// <summary>
/// Ehlers Hilbert-transform instantaneous trendline: the median price averaged over the (rounded, smoothed) dominant
/// cycle, then WMA(4)-smoothed; the median price itself before that is available. dcPeriods is the rounded cycle.
/// </summary>
public static class HtTrendline
{
    public static readonly string[] Columns = ["dcPeriods", "trendline", "smoothPrice"];

    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "httrendline",
        Title = "Hilbert transform instantaneous trendline",
        Category = "trend",
        Outputs = ["trendline", "dcPeriods", "smoothPrice"],
        WarmUp = _ => 0,
        Evaluate = (_, s, _) =>
        {
            var n = s.Count;
            var h = HilbertCycle.Compute(s.High, s.Low);
            var r = IndicatorOutput.NewColumns(3, n);
            var it = new double[n];
            for (var i = 0; i < n; i++)
            {
                var p = h.Price[i];
                if (i <= 5)
                {
                    it[i] = p;
                    r[1][i] = p;
                    continue;
                }

                var dc = (int)(h.SmoothPeriod[i] + 0.5);
                var sum = 0.0;
                for (var d = i - dc + 1; d <= i; d++)
                {
                    sum += d >= 0 ? h.Price[d] : h.Price[0];
                }

                it[i] = dc > 0 ? sum / dc : p;
                r[0][i] = dc > 0 ? dc : double.NaN;
                r[1][i] = i >= 11 ? ((4 * it[i]) + (3 * it[i - 1]) + (2 * it[i - 2]) + it[i - 3]) / 10 : p;
                r[2][i] = h.Smooth[i];
            }

            return Out.Many(Columns, r);
        },
        CreateStream = _ => new HtTrendlineStream(),
    };
}
