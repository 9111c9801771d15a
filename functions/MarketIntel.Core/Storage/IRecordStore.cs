namespace MarketIntel.Core.Storage;

/// <summary>
/// Stores typed result envelopes (<see cref="RecordEnvelope{T}"/>) by kind, partition key and id. Point reads and
/// writes plus queries inside one partition: the operations every adapter (Cosmos DB, embedded SQLite) serves alike.
/// </summary>
public interface IRecordStore
{
    /// <summary>
    /// Writes the record if no record with its id exists; otherwise returns the stored one untouched
    /// (<see cref="WriteOutcome.AlreadyExisted"/>). A retried write therefore never duplicates or overwrites.
    /// </summary>
    /// <exception cref="InvalidRecordException">Bad id, partition key, code version or size.</exception>
    Task<RecordWriteResult<T>> CreateAsync<T>(RecordEnvelope<T> record, CancellationToken cancellationToken = default);

    /// <summary>
    /// Inserts or replaces. With <see cref="RecordEnvelope{T}.ETag"/> set, replaces only the version that ETag names.
    /// </summary>
    /// <exception cref="ConcurrencyConflictException">The ETag is stale or the record was deleted meanwhile.</exception>
    Task<RecordEnvelope<T>> UpsertAsync<T>(RecordEnvelope<T> record, CancellationToken cancellationToken = default);

    /// <summary>
    /// Inserts or replaces each record unconditionally (none may carry an ETag), in order. Adapters that can write
    /// several records at once do (the embedded store: one transaction); the default writes them one by one. A failure
    /// part way may leave some written: callers re-run the whole batch, which is safe because every write is an upsert.
    /// </summary>
    /// <exception cref="ArgumentException">A record carries an ETag (conditional writes go through <see cref="UpsertAsync{T}"/>).</exception>
    async Task UpsertManyAsync<T>(IReadOnlyList<RecordEnvelope<T>> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        RecordBatches.RequireUnconditional(records);
        foreach (var record in records)
        {
            await UpsertAsync(record, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The record, or null when it does not exist (or has expired).</summary>
    Task<RecordEnvelope<T>?> GetAsync<T>(RecordKind kind, string partitionKey, string id, CancellationToken cancellationToken = default);

    /// <summary>Records of one kind in one partition, in ascending id order, a page at a time.</summary>
    Task<RecordPage<T>> QueryAsync<T>(RecordKind kind, string partitionKey, RecordQuery query, CancellationToken cancellationToken = default);

    /// <summary>Deletes the record; with <paramref name="ifMatchETag"/>, only that version. False when it did not exist.</summary>
    /// <exception cref="ConcurrencyConflictException">The ETag is stale.</exception>
    Task<bool> DeleteAsync(RecordKind kind, string partitionKey, string id, string? ifMatchETag = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Point reads of many records of one kind; the results are in the order of <paramref name="keys"/>, null where a
    /// record does not exist. Stores that can (embedded SQLite) serve them in one round trip; the default reads a few at
    /// a time (<see cref="RecordStoreExtensions.GetManyAsync{T}"/>).
    /// </summary>
    Task<IReadOnlyList<RecordEnvelope<T>?>> ReadManyAsync<T>(RecordKind kind, IReadOnlyList<(string PartitionKey, string Id)> keys, CancellationToken cancellationToken = default) =>
        this.GetManyAsync<T>(kind, keys, cancellationToken: cancellationToken);

    /// <summary>
    /// Conditional writes of many records (a compare-and-swap each, not one transaction across them): a record with an
    /// <see cref="RecordEnvelope{T}.ETag"/> replaces only the version that ETag names; one without is created only when
    /// no record with its id exists. The results are in the order of <paramref name="records"/>: the written record
    /// (with its new ETag), or null where the condition failed (re-read, re-apply and write that one again). Stores that
    /// can (embedded SQLite) write them in one transaction; the default writes one at a time.
    /// </summary>
    /// <exception cref="InvalidRecordException">A record has a bad id, partition key, code version or size; the embedded
    /// store then writes none, the default stops at that record (the earlier ones are conditional, so a retry is safe).</exception>
    async Task<IReadOnlyList<RecordEnvelope<T>?>> TryWriteManyAsync<T>(IReadOnlyList<RecordEnvelope<T>> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var results = new RecordEnvelope<T>?[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            if (record.ETag is null)
            {
                var created = await CreateAsync(record, cancellationToken).ConfigureAwait(false);
                results[i] = created.Outcome == WriteOutcome.Created ? created.Record : null;
                continue;
            }

            try
            {
                results[i] = await UpsertAsync(record, cancellationToken).ConfigureAwait(false);
            }
            catch (ConcurrencyConflictException)
            {
                results[i] = null;
            }
        }

        return results;
    }
}
