using MarketIntel.Ingestion.Instruments;

namespace MarketIntel.Ingestion.Providers;

/// <summary>
/// Streamed trades (WebSocket). The enumeration reconnects by itself after a drop (with backoff) and resubscribes,
/// reporting <see cref="TradeStreamEventKind.Disconnected"/> and <see cref="TradeStreamEventKind.Connected"/> so that
/// the consumer can backfill the outage from REST. It ends only when cancelled.
/// </summary>
public interface ITradeStream
{
    string Name { get; }

    /// <summary>The canonical instrument for a symbol spelling, as this stream's venue quotes it.</summary>
    Instrument Resolve(string symbol);

    IAsyncEnumerable<TradeStreamEvent> StreamAsync(IReadOnlyList<Instrument> instruments, CancellationToken cancellationToken = default);
}
