namespace MarketIntel.Core.Brokerage;

/// <summary>A venue's net position in one symbol: signed quantity (negative is short), average entry price and, where the venue reports them, its mark and unrealized P&amp;L.</summary>
public sealed record BrokerPosition(string Symbol, double Quantity, double AveragePrice, double? MarketValue, double? UnrealizedPnl);
