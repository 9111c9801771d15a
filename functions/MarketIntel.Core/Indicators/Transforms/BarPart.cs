using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Transforms;

/// <summary>One bar field or a combination (hl2, hlc3, oc2, ohl3, ohlc4) as a series.</summary>
public static class BarPart
{
    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "barpart",
        Title = "Bar part",
        Category = "transforms",
        Parameters = [IndicatorParameter.Choice("part", "close", PriceParts.Names)],
        Outputs = ["value"],
        WarmUp = _ => 0,
        Evaluate = (a, s, _) => Out.One("value", s.Select((PricePart)a.Int(0))),
        CreateStream = a => new BarPartStream((PricePart)a.Int(0)),
    };
}
