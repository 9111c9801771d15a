using MarketIntel.Core.Indicators.Catalog;

namespace MarketIntel.Core.Indicators.Statistics;

/// <summary>
/// Standard deviation channels: consecutive <c>period</c>-bar windows counted back from the LAST bar, each with its own
/// regression line ± deviations·(population deviation of the close). It repaints by design: appending bars moves every
/// window. breakPoint marks each window's first bar; bars before the oldest full window are false with no channel.
/// </summary>
public static class StdDevChannels
{
    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "stdevchannels",
        Title = "Standard deviation channels",
        Category = "statistics",
        Parameters = [IndicatorParameter.Int("period", 20, 2), IndicatorParameter.Real("deviations", 2, 0.01, 100)],
        Outputs = ["centerline", "upperChannel", "lowerChannel", "breakPoint"],
        WarmUp = _ => 0,
        DataDependentWarmUp = true,
        Evaluate = (a, s, _) =>
        {
            var period = a.Int(0);
            var k = a.Real(1);
            var n = s.Count;
            var r = IndicatorOutput.NewColumns(4, n);
            for (var end = n - 1; end >= period - 1; end -= period)
            {
                var fit = Slope.Fit(s.Close, end, period);
                for (var p = end - period + 1; p <= end; p++)
                {
                    var c = (fit.Slope * (p + 1)) + fit.Intercept;
                    r[0][p] = c;
                    r[1][p] = c + (k * fit.StdDevY);
                    r[2][p] = c - (k * fit.StdDevY);
                    r[3][p] = p == end - period + 1 ? 1 : 0;
                }
            }

            for (var p = 0; p < n && double.IsNaN(r[3][p]); p++)
            {
                r[3][p] = 0;
            }

            return new IndicatorOutput([new IndicatorColumn("centerline", r[0]), new IndicatorColumn("upperChannel", r[1]),
                new IndicatorColumn("lowerChannel", r[2]), new IndicatorColumn("breakPoint", r[3], IndicatorColumnKind.Boolean)]);
        },
    };
}
