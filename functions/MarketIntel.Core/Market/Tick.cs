namespace MarketIntel.Core.Market;

/// <summary>One trade print. <paramref name="Timestamp"/> is UTC; size is exact (decimal) so that volumes add up exactly.</summary>
public readonly record struct Tick(DateTime Timestamp, Symbol Symbol, double Price, decimal Size, TradeId TradeId);
