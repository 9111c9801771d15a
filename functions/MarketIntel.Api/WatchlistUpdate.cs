namespace MarketIntel.Api;

/// <summary>Body of <c>PUT /api/watchlists/{name}</c>.</summary>
public sealed record WatchlistUpdate(IReadOnlyList<string>? Symbols);
