using System.Globalization;
using System.Text.Json;
using MarketIntel.Core.Storage;

namespace MarketIntel.Ingestion.Service;

/// <summary>
/// Writes <see cref="IngestionEvent"/>s to the system log (<see cref="RecordKinds.SystemEvent"/>, partition = UTC day).
/// Ids start with the time so that a day's events read back in order.
/// </summary>
public sealed class IngestionEventLog(IRecordStore records, TimeProvider timeProvider, string codeVersion)
{
    private long _sequence;

    public async Task WriteAsync(IngestionEvent evt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(evt);
        var now = timeProvider.GetUtcNow();
        var sequence = Interlocked.Increment(ref _sequence);
        var id = StorageKey.Compose(
            now.UtcTicks.ToString("D19", CultureInfo.InvariantCulture),
            evt.Type,
            sequence.ToString("D6", CultureInfo.InvariantCulture) + Guid.NewGuid().ToString("N")[..8]);
        var record = new RecordEnvelope<IngestionEvent>(
            id, Partition(DateOnly.FromDateTime(now.UtcDateTime)), RecordKinds.SystemEvent, now,
            JsonSerializer.SerializeToElement(new { evt.Provider, evt.Symbol, evt.Timeframe }), codeVersion, evt.Severity, evt);
        await records.CreateAsync(record, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Events of one UTC day, oldest first.</summary>
    public async Task<List<IngestionEvent>> ReadDayAsync(DateOnly day, string? type = null, CancellationToken cancellationToken = default)
    {
        var events = new List<IngestionEvent>();
        await foreach (var record in records.ReadAllAsync<IngestionEvent>(RecordKinds.SystemEvent, Partition(day), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (record.Payload?.Type is { } t && (type is null || t == type))
            {
                events.Add(record.Payload);
            }
        }

        return events;
    }

    public static string Partition(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
