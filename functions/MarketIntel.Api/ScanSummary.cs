namespace MarketIntel.Api;

/// <summary>A scan run in a listing.</summary>
public sealed record ScanSummary(string Id, string Name, string Status, DateTime CreatedAt, DateTime? CompletedAt, int Symbols, int? Setups);
