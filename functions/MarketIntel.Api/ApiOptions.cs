namespace MarketIntel.Api;

/// <summary>Settings of the HTTP API shared by both hosts (section <c>Api</c>).</summary>
public sealed record ApiOptions
{
    /// <summary>
    /// The host's own key (text) for mutating routes in the <c>x-api-key</c> header; it is hashed on load and only its hash
    /// is kept (<see cref="ApiKeyring"/>). Named keys are configured as hashes under <c>Api:Keys</c>. Azure uses function keys.
    /// </summary>
    public string? Key { get; init; }

    /// <summary>When true, reads need a key too (Read or Write scope); <c>/api/health</c> stays open for probes.</summary>
    public bool ReadsNeedKey { get; init; }

    /// <summary>The owner partition of watchlists (single-tenant deployments use one).</summary>
    public string Owner { get; init; } = "default";

    /// <summary>Most bars one request may cover (range / timeframe), and the page size cap.</summary>
    public int MaxBarsPerRequest { get; init; } = 10_000;

    /// <summary>Most symbols a watchlist may hold (it bounds the fan-out of ingest and scan runs).</summary>
    public int MaxWatchlistSymbols { get; init; } = 2_000;

    /// <summary>
    /// The one origin (<c>https://dashboard.example.com</c>) allowed to call the API from a browser when the dashboard
    /// is served from elsewhere; unset, the local host sends no CORS headers and only its own pages can call it.
    /// </summary>
    public string? DashboardOrigin { get; init; }

    /// <summary>
    /// Memory for pre-serialized <c>/api/bars</c> responses (<see cref="BarsResponseCache"/>); 0 switches the cache off.
    /// ETags and 304 answers work either way.
    /// </summary>
    public int BarsCacheMegabytes { get; init; } = 64;

    /// <summary>Largest request body the local host reads (bodies are JSON of at most a few hundred kilobytes: watchlists, scans, runs).</summary>
    public const long MaxRequestBodyBytes = 1_048_576;
}
