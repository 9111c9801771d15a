namespace MarketIntel.Core.Storage;

/// <summary>One page of records; <paramref name="ContinuationToken"/> is null after the last page.</summary>
public sealed record RecordPage<T>(IReadOnlyList<RecordEnvelope<T>> Records, string? ContinuationToken);
