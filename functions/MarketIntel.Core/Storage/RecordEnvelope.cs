using System.Text.Json;

namespace MarketIntel.Core.Storage;

/// <summary>
/// A stored result of any capability (scan run, setup, risk report, backtest, paper order, checkpoint, system event ...):
/// the same envelope in every adapter, so that later capabilities add payload types without changing the ports.
/// </summary>
/// <typeparam name="T">The payload, serialized with System.Text.Json (camelCase); <see cref="JsonElement"/> when untyped.</typeparam>
/// <param name="Id">Unique within <paramref name="PartitionKey"/>; deterministic for anything a retry could write twice (see <see cref="StorageKey"/>).</param>
/// <param name="PartitionKey">The Cosmos DB partition key value; the kind's documentation says how it is composed.</param>
/// <param name="Kind">What the payload is, and so which container it lives in.</param>
/// <param name="CreatedAt">When the result was produced (not when it was last written).</param>
/// <param name="Inputs">What the result was computed from (parameters, input ranges, upstream ids): reproducibility.</param>
/// <param name="CodeVersion">The version of the code that produced it.</param>
/// <param name="Status">Lifecycle state chosen by the producer (<c>running</c>, <c>completed</c>, <c>failed</c> ...).</param>
/// <param name="Payload">The result itself.</param>
public sealed record RecordEnvelope<T>(
    string Id,
    string PartitionKey,
    RecordKind Kind,
    DateTimeOffset CreatedAt,
    JsonElement Inputs,
    string CodeVersion,
    string Status,
    T Payload)
{
    /// <summary>The store's version stamp of what was read; set it on a write to make the write conditional.</summary>
    public string? ETag { get; init; }

    /// <summary>When the store last wrote the record; set by the store.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Overrides the kind's time to live for this record; null keeps the kind's default.</summary>
    public TimeSpan? TimeToLive { get; init; }
}
