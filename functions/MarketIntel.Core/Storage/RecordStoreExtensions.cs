namespace MarketIntel.Core.Storage;

/// <summary>Read-modify-write and paging helpers over any <see cref="IRecordStore"/>.</summary>
public static class RecordStoreExtensions
{
    /// <summary>
    /// Applies <paramref name="change"/> to the current version and writes it conditionally on that version's ETag,
    /// re-reading and re-applying on a conflict, so that concurrent updates are serialized and none is lost.
    /// </summary>
    /// <remarks><paramref name="change"/> receives null when the record does not exist yet and returns the record to create.</remarks>
    /// <exception cref="ConcurrencyConflictException">Still conflicting after <paramref name="maxAttempts"/> attempts.</exception>
    public static async Task<RecordEnvelope<T>> UpdateAsync<T>(
        this IRecordStore store,
        RecordKind kind,
        string partitionKey,
        string id,
        Func<RecordEnvelope<T>?, RecordEnvelope<T>> change,
        int maxAttempts = 10,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        for (var attempt = 1; ; attempt++)
        {
            var current = await store.GetAsync<T>(kind, partitionKey, id, cancellationToken).ConfigureAwait(false);
            var next = change(current);
            if (next.Id != id || next.PartitionKey != partitionKey || next.Kind != kind)
            {
                throw new ArgumentException($"The change must keep the record's kind, partition key and id ({kind.Name} '{id}' in '{partitionKey}').", nameof(change));
            }

            try
            {
                if (current is null)
                {
                    // Creating: lose to a concurrent creator rather than overwrite it.
                    var created = await store.CreateAsync(next with { ETag = null }, cancellationToken).ConfigureAwait(false);
                    if (created.Outcome == WriteOutcome.Created)
                    {
                        return created.Record;
                    }

                    throw new ConcurrencyConflictException(kind.Name, partitionKey, id, null);
                }

                return await store.UpsertAsync(next with { ETag = current.ETag }, cancellationToken).ConfigureAwait(false);
            }
            catch (ConcurrencyConflictException) when (attempt < maxAttempts)
            {
                // Another writer got there first: re-read and re-apply.
            }
        }
    }

    /// <summary>
    /// Point reads of many records (a watchlist's latest indicator snapshots, one per symbol), a few at a time;
    /// the results are in the order of <paramref name="keys"/>, null where a record does not exist.
    /// </summary>
    public static async Task<IReadOnlyList<RecordEnvelope<T>?>> GetManyAsync<T>(
        this IRecordStore store,
        RecordKind kind,
        IReadOnlyList<(string PartitionKey, string Id)> keys,
        int maxParallelReads = 8,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxParallelReads, 1);
        var results = new RecordEnvelope<T>?[keys.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxParallelReads, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, keys.Count), options, async (i, ct) =>
            results[i] = await store.GetAsync<T>(kind, keys[i].PartitionKey, keys[i].Id, ct).ConfigureAwait(false)).ConfigureAwait(false);
        return results;
    }

    /// <summary>Every record of one kind in one partition, following continuation tokens.</summary>
    public static async IAsyncEnumerable<RecordEnvelope<T>> ReadAllAsync<T>(
        this IRecordStore store,
        RecordKind kind,
        string partitionKey,
        string? idPrefix = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? token = null;
        do
        {
            var page = await store.QueryAsync<T>(kind, partitionKey, new RecordQuery(RecordQuery.MaxPageSize, token, idPrefix), cancellationToken).ConfigureAwait(false);
            foreach (var record in page.Records)
            {
                yield return record;
            }

            token = page.ContinuationToken;
        }
        while (token is not null);
    }
}
