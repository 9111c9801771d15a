namespace MarketIntel.Pipeline.Trading;

/// <summary>One risk limit (its rule code), its threshold (null when not set) and how much of it is in use now.</summary>
public sealed record PaperLimitUsage(string Rule, double? Limit, double Used);
