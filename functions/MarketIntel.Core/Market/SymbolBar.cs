namespace MarketIntel.Core.Market;

/// <summary>A bar of one symbol on one timeframe, as emitted by the aggregators.</summary>
public readonly record struct SymbolBar(Symbol Symbol, Timeframe Timeframe, Bar Bar);
