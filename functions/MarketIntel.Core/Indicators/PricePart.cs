namespace MarketIntel.Core.Indicators;

/// <summary>Which bar field (or average of fields) an indicator reads.</summary>
public enum PricePart
{
    Open,
    High,
    Low,
    Close,
    Volume,
    HL2,
    HLC3,
    OC2,
    OHL3,
    OHLC4,
}
