using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Volume;

/// <summary>Force index: EMA of (close - previous close) · volume.</summary>
public static class ForceIndex
{
    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "force",
        Title = "Force index",
        Category = "volume",
        Parameters = [IndicatorParameter.Int("period", 2)],
        Outputs = ["forceIndex"],
        WarmUp = a => a.Int(0),
        Evaluate = (a, s, _) =>
        {
            var raw = Out.New(s.Count);
            for (var i = 1; i < s.Count; i++)
            {
                raw[i] = (s.Close[i] - s.Close[i - 1]) * s.Volume[i];
            }

            var r = Out.New(s.Count);
            Ma.Ema(raw, a.Int(0), r);
            return Out.One("forceIndex", r);
        },
        CreateStream = a => new ForceIndexStream(a.Int(0)),
    };
}
