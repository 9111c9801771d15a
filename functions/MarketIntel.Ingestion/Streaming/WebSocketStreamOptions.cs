namespace MarketIntel.Ingestion.Streaming;

/// <summary>Connection behaviour of a <see cref="WebSocketTradeStream"/>.</summary>
public sealed record WebSocketStreamOptions
{
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A connection silent for this long is presumed dead and replaced.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>First reconnect delay; doubled per failed attempt (with jitter) up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan InitialReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Messages archived together (as NDJSON) before they are parsed.</summary>
    public int ArchiveBatchSize { get; init; } = 500;

    /// <summary>The longest a received message waits for its batch to fill before it is archived and parsed.</summary>
    public TimeSpan ArchiveFlushInterval { get; init; } = TimeSpan.FromMilliseconds(250);
}
