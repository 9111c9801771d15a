namespace MarketIntel.Core.Trading;

/// <summary>The account after a bar's close: cash, position and equity = cash + position × close.</summary>
public readonly record struct ReplayEquityPoint(DateTime Time, double Cash, double Position, double Equity);
