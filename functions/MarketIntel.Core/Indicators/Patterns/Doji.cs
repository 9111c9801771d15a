using MarketIntel.Core.Indicators.Catalog;

namespace MarketIntel.Core.Indicators.Patterns;

/// <summary>Doji: the close within <c>maxChangePercent</c> percent of the open (a Neutral signal).</summary>
public static class Doji
{
    public static IndicatorDefinition Definition { get; } = Candles.Define(
        "doji",
        "Doji candlestick",
        IndicatorParameter.Real("maxChangePercent", 0.1, 0, 10),
        (open, _, _, close, maxChangePercent) => Math.Abs((close / open) - 1) <= maxChangePercent / 100 ? Candles.Neutral : Candles.None);
}
