using MarketIntel.Core.Indicators.Catalog;

namespace MarketIntel.Core.Indicators.Patterns;

/// <summary>Marubozu: a body of at least <c>minBodyPercent</c> of the range; bullish if the close is above the open, else bearish (a flat bar included).</summary>
public static class Marubozu
{
    public static IndicatorDefinition Definition { get; } = Candles.Define(
        "marubozu",
        "Marubozu candlestick",
        IndicatorParameter.Real("minBodyPercent", 95, 80, 100),
        (open, high, low, close, minBodyPercent) =>
            Candles.BodyPct(open, high, low, close) < minBodyPercent / 100 ? Candles.None : close > open ? Candles.BullSignal : Candles.BearSignal);
}
