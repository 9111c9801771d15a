namespace MarketIntel.Core.Storage;

/// <summary>The stored record (with its ETag) and whether this call wrote it.</summary>
public sealed record RecordWriteResult<T>(RecordEnvelope<T> Record, WriteOutcome Outcome);
