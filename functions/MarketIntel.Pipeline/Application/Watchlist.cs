namespace MarketIntel.Pipeline.Application;

/// <summary>A named list of symbols: what the ingest and scan runs cover, and what the dashboard shows.</summary>
public sealed record Watchlist(string Name, IReadOnlyList<string> Symbols);
