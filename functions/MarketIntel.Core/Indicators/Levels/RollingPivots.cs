using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Levels;

/// <summary>Rolling pivot points: standard levels from the <c>window</c> bars ending <c>offset</c> + 1 bars back (high, low, last close).</summary>
public static class RollingPivots
{
    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "rollingpivots",
        Title = "Rolling pivot points",
        Category = "levels",
        Parameters = [IndicatorParameter.Int("window", 20), IndicatorParameter.Int("offset", 0, 0), IndicatorParameter.Choice("type", "standard", "standard")],
        Outputs = PivotLevels.Columns,
        WarmUp = a => a.Int(0) + a.Int(1),
        Evaluate = (a, s, _) =>
        {
            int window = a.Int(0), offset = a.Int(1);
            var r = IndicatorOutput.NewColumns(9, s.Count);
            for (var i = window + offset; i < s.Count; i++)
            {
                var end = i - offset - 1;
                PivotLevels.Standard(r, i, Window.Max(s.High, end, window), Window.Min(s.Low, end, window), s.Close[end]);
            }

            return Out.Many(PivotLevels.Columns, r);
        },
        CreateStream = a => new RollingPivotsStream(a.Int(0), a.Int(1)),
    };
}
