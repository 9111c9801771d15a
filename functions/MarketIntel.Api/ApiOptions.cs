namespace MarketIntel.Api;

/// <summary>Settings of the HTTP API shared by both hosts (section <c>Api</c>).</summary>
public sealed record ApiOptions
{
    /// <summary>The key mutating routes require in the <c>x-api-key</c> header (Azure uses function keys instead).</summary>
    public string? Key { get; init; }

    /// <summary>The owner partition of watchlists (single-tenant deployments use one).</summary>
    public string Owner { get; init; } = "default";

    /// <summary>Most bars one request may cover (range / timeframe), and the page size cap.</summary>
    public int MaxBarsPerRequest { get; init; } = 10_000;

    /// <summary>Most symbols a watchlist may hold (it bounds the fan-out of ingest and scan runs).</summary>
    public int MaxWatchlistSymbols { get; init; } = 2_000;
}
