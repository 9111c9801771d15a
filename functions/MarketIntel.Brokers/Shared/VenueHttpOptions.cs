namespace MarketIntel.Brokers.Shared;

/// <summary>
/// How one adapter talks HTTP: the per-attempt timeout (after which a submit's outcome is unknown), the client-side
/// limit kept under the venue's published one, and how 429s are waited out.
/// </summary>
public sealed record VenueHttpOptions(
    TimeSpan RequestTimeout,
    int MaxRequestsPerMinute,
    TimeSpan RateWindow,
    int MaxRateLimitRetries,
    TimeSpan RetryBaseDelay);
