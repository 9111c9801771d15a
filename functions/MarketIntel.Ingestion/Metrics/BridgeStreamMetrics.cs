namespace MarketIntel.Ingestion.Metrics;

/// <summary>
/// One trade stream of the tick bridge since the process started: trades handed to the sink, batches, reconnects
/// (after a drop reported by the stream or a stream that ended or failed), batches the sink refused, and lags:
/// <see cref="LastTradeLag"/> is how late the newest trade arrived after its trade time (the feed's delay),
/// <see cref="SinceLastTrade"/> how long ago that trade happened when the snapshot was taken (a silent stream grows it).
/// </summary>
public sealed record BridgeStreamMetrics(
    string Stream,
    long Messages,
    long Batches,
    long Reconnects,
    long SinkFailures,
    DateTime? LastTradeUtc,
    TimeSpan? LastTradeLag,
    TimeSpan? SinceLastTrade);
