using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;
using MarketIntel.Core.Indicators.Statistics;

namespace MarketIntel.Core.Indicators.Trend;

/// <summary>Endpoint moving average: the rolling least-squares line evaluated at the current bar.</summary>
public static class Epma
{
    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "epma",
        Title = "Endpoint moving average",
        Category = "trend",
        Parameters = [IndicatorParameter.Int("period", 10, 2)],
        Outputs = ["epma"],
        WarmUp = a => a.Int(0) - 1,
        Evaluate = (a, s, _) =>
        {
            var period = a.Int(0);
            var r = Out.New(s.Count);
            for (var i = period - 1; i < s.Count; i++)
            {
                var fit = Slope.Fit(s.Close, i, period);
                r[i] = (fit.Slope * (i + 1)) + fit.Intercept;
            }

            return Out.One("epma", r);
        },
        CreateStream = a => new EpmaStream(a.Int(0)),
    };
}
