namespace MarketIntel.Core.Brokerage;

/// <summary>A venue's account summary: money, what can be bought, and whether trading is blocked there.</summary>
public sealed record BrokerAccount(string AccountId, string Currency, double Cash, double Equity, double BuyingPower, bool TradingBlocked, bool ShortingEnabled, string VenueStatus);
