using MarketIntel.Ingestion.Streaming;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace MarketIntel.Functions.Streaming;

/// <summary>
/// The Event Hub trigger: batches of JSON tick messages go to <see cref="TickBatchProcessor"/>, which archives, parses,
/// aggregates and upserts bars idempotently. A failing batch is retried (the processor counts nothing twice) instead
/// of being checkpointed past, so a storage outage delays ticks but loses none.
/// </summary>
public sealed class TickFunctions(TickBatchProcessor processor, ILogger<TickFunctions> logger)
{
    [Function("Ticks")]
    [ExponentialBackoffRetry(-1, "00:00:02", "00:05:00")]
    public async Task Ticks(
        [EventHubTrigger("%" + TickHubSettings.EventHubName + "%", Connection = TickHubSettings.Connection, ConsumerGroup = "%" + TickHubSettings.ConsumerGroup + "%", IsBatched = true)] string[] messages,
        CancellationToken cancellationToken)
    {
        var result = await processor.ProcessAsync(messages, cancellationToken);
        logger.LogInformation("Tick batch {ArchiveKey}: {Messages} messages, {Accepted} accepted, {Rejected} rejected, {Bars} bars written",
            result.ArchiveKey, result.Messages, result.Accepted, result.Rejections.Count, result.BarsWritten);
        if (result.RejectionsArchiveKey is { } poison)
        {
            logger.LogWarning("Tick batch {ArchiveKey}: malformed or invalid messages archived at {Poison}", result.ArchiveKey, poison);
        }
    }
}
