namespace MarketIntel.Core.Storage;

/// <summary>The rules every adapter's <see cref="IRecordStore.UpsertManyAsync{T}"/> checks before writing anything.</summary>
public static class RecordBatches
{
    /// <summary>Refuses a batch in which a record carries an ETag: a batch upsert is unconditional by contract.</summary>
    public static void RequireUnconditional<T>(IReadOnlyList<RecordEnvelope<T>> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        for (var i = 0; i < records.Count; i++)
        {
            if (records[i].ETag is not null)
            {
                throw new ArgumentException(
                    $"records[{i}] ('{records[i].Id}') carries an ETag; a batch upsert is unconditional, write it with UpsertAsync", nameof(records));
            }
        }
    }
}
