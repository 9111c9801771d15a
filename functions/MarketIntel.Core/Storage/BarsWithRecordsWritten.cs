namespace MarketIntel.Core.Storage;

/// <summary>
/// What <see cref="IBarStore.TryUpsertManyWithRecordsAsync{TFirst, TSecond}"/> committed: the bars written and each
/// conditional record as written (with its new ETag), in the order given.
/// </summary>
public sealed record BarsWithRecordsWritten<TFirst, TSecond>(
    int BarsWritten,
    IReadOnlyList<RecordEnvelope<TFirst>> First,
    IReadOnlyList<RecordEnvelope<TSecond>> Second);
