namespace MarketIntel.Core.Trading;

/// <summary>What a sizing rule may know: account equity, the planned entry, its stop (for risk-based rules) and the ATR.</summary>
public readonly record struct SizingInput(double Equity, double Entry, double? Stop = null, double? Atr = null);
