namespace MarketIntel.Core.Indicators;

/// <summary>Values and names of <see cref="PricePart"/>s.</summary>
public static class PriceParts
{
    public static readonly string[] Names = ["open", "high", "low", "close", "volume", "hl2", "hlc3", "oc2", "ohl3", "ohlc4"];

    public static double Value(PricePart part, double open, double high, double low, double close, double volume) => part switch
    {
        PricePart.Open => open,
        PricePart.High => high,
        PricePart.Low => low,
        PricePart.Close => close,
        PricePart.Volume => volume,
        PricePart.HL2 => (high + low) / 2,
        PricePart.HLC3 => (high + low + close) / 3,
        PricePart.OC2 => (open + close) / 2,
        PricePart.OHL3 => (open + high + low) / 3,
        PricePart.OHLC4 => (open + high + low + close) / 4,
        _ => throw new ArgumentOutOfRangeException(nameof(part), part, "unknown price part"),
    };
}
