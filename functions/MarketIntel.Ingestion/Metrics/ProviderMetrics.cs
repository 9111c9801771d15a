namespace MarketIntel.Ingestion.Metrics;

/// <summary>Counters of one provider since the process started (rejections by reason, <see cref="Providers.RejectReasons"/>).</summary>
public sealed record ProviderMetrics(
    string Provider,
    long Requests,
    long Retries,
    long PayloadsAccepted,
    IReadOnlyDictionary<string, long> PayloadsRejected,
    long BarsAccepted,
    IReadOnlyDictionary<string, long> BarsRejected,
    long TicksAccepted,
    IReadOnlyDictionary<string, long> TicksRejected,
    string BreakerState,
    long BreakerOpenings,
    long RateLimiterWaits,
    TimeSpan RateLimiterWaited,
    long Reconnects,
    IReadOnlyList<SeriesLag> Lags);
