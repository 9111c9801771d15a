using System.Text.Json;
using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;

namespace MarketIntel.Ingestion.Service;

/// <summary>
/// Checkpoints in <see cref="IRecordStore"/> (<see cref="RecordKinds.IngestionCheckpoint"/>, partition = provider,
/// id = <c>symbol|timeframe</c>), advanced with ETags so that concurrent writers never move one backwards.
/// </summary>
public sealed class CheckpointStore(IRecordStore records, TimeProvider timeProvider, string codeVersion)
{
    public async Task<IngestionCheckpoint?> GetAsync(string provider, Symbol symbol, Timeframe timeframe, CancellationToken cancellationToken = default)
    {
        var record = await records.GetAsync<IngestionCheckpoint>(RecordKinds.IngestionCheckpoint, Partition(provider), Id(symbol, timeframe), cancellationToken).ConfigureAwait(false);
        return record?.Payload;
    }

    /// <summary>Moves the checkpoint forward (never back) and adds <paramref name="barsWritten"/> to its count.</summary>
    public async Task<IngestionCheckpoint> AdvanceAsync(
        string provider, Symbol symbol, Timeframe timeframe, DateTime completeUntilUtc, DateTime? newestBarOpenUtc, long barsWritten, int? unfilledGaps = null, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        var updated = await records.UpdateAsync<IngestionCheckpoint>(
            RecordKinds.IngestionCheckpoint,
            Partition(provider),
            Id(symbol, timeframe),
            current =>
            {
                var previous = current?.Payload;
                var next = new IngestionCheckpoint(
                    provider,
                    symbol.Value,
                    timeframe.ToString(),
                    previous is null || previous.CompleteUntilUtc < completeUntilUtc ? completeUntilUtc : previous.CompleteUntilUtc,
                    Later(previous?.NewestBarOpenUtc, newestBarOpenUtc),
                    (previous?.BarsWritten ?? 0) + barsWritten,
                    unfilledGaps ?? previous?.UnfilledGaps ?? 0);
                return current is null
                    ? new RecordEnvelope<IngestionCheckpoint>(
                        Id(symbol, timeframe), Partition(provider), RecordKinds.IngestionCheckpoint, now,
                        JsonSerializer.SerializeToElement(new { provider, symbol = symbol.Value, timeframe = timeframe.ToString() }),
                        codeVersion, "active", next)
                    : current with { Payload = next, CodeVersion = codeVersion };
            },
            maxAttempts: 50,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return updated.Payload;
    }

    public static string Partition(string provider) => StorageKey.Compose(provider);

    public static string Id(Symbol symbol, Timeframe timeframe) => StorageKey.Compose(symbol.Value, timeframe.ToString());

    private static DateTime? Later(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
