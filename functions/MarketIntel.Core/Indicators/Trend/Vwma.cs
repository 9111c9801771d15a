using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Trend;

/// <summary>Volume-weighted moving average (empty when the window has no volume).</summary>
public static class Vwma
{
    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "vwma",
        Title = "Volume-weighted moving average",
        Category = "trend",
        Parameters = [IndicatorParameter.Int("period", 14)],
        Outputs = ["vwma"],
        WarmUp = a => a.Int(0) - 1,
        Evaluate = (a, s, _) =>
        {
            var period = a.Int(0);
            var r = Out.New(s.Count);
            for (var i = period - 1; i < s.Count; i++)
            {
                double pv = 0, v = 0;
                for (var j = i - period + 1; j <= i; j++)
                {
                    pv += s.Close[j] * s.Volume[j];
                    v += s.Volume[j];
                }

                r[i] = v != 0 ? pv / v : double.NaN;
            }

            return Out.One("vwma", r);
        },
        CreateStream = a => new VwmaStream(a.Int(0)),
    };
}
