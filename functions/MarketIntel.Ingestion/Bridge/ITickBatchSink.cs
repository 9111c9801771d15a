namespace MarketIntel.Ingestion.Bridge;

/// <summary>
/// Where the tick bridge delivers its batches: in process to the <see cref="Streaming.TickBatchProcessor"/> (local host)
/// or to Event Hubs (Azure). A batch that throws is retried by the bridge, so a sink needs only at-least-once delivery:
/// the processor counts a re-delivered trade once.
/// </summary>
public interface ITickBatchSink
{
    /// <summary>A short name for logs and the README ("in-process", "event-hubs").</summary>
    string Name { get; }

    Task SendAsync(IReadOnlyList<TickMessage> batch, CancellationToken cancellationToken);
}
