using MarketIntel.Core.Storage;

namespace MarketIntel.Pipeline.Tests.Trading;

/// <summary>A real record store that fails the writes a test picks, as a process dying between two writes would leave things.</summary>
internal sealed class FaultingRecordStore(IRecordStore inner) : IRecordStore
{
    /// <summary>Throws instead of writing when it returns true for (kind, id); checked on every create and upsert.</summary>
    public Func<RecordKind, string, bool> FailWrite { get; set; } = static (_, _) => false;

    public int JournalCreates { get; private set; }

    public Task<RecordWriteResult<T>> CreateAsync<T>(RecordEnvelope<T> record, CancellationToken cancellationToken = default)
    {
        Fail(record.Kind, record.Id);
        if (record.Kind == RecordKinds.PaperJournal)
        {
            JournalCreates++;
        }

        return inner.CreateAsync(record, cancellationToken);
    }

    public Task<RecordEnvelope<T>> UpsertAsync<T>(RecordEnvelope<T> record, CancellationToken cancellationToken = default)
    {
        Fail(record.Kind, record.Id);
        return inner.UpsertAsync(record, cancellationToken);
    }

    public Task<RecordEnvelope<T>?> GetAsync<T>(RecordKind kind, string partitionKey, string id, CancellationToken cancellationToken = default) =>
        inner.GetAsync<T>(kind, partitionKey, id, cancellationToken);

    public Task<RecordPage<T>> QueryAsync<T>(RecordKind kind, string partitionKey, RecordQuery query, CancellationToken cancellationToken = default) =>
        inner.QueryAsync<T>(kind, partitionKey, query, cancellationToken);

    public Task<bool> DeleteAsync(RecordKind kind, string partitionKey, string id, string? ifMatchETag = null, CancellationToken cancellationToken = default) =>
        inner.DeleteAsync(kind, partitionKey, id, ifMatchETag, cancellationToken);

    private void Fail(RecordKind kind, string id)
    {
        if (FailWrite(kind, id))
        {
            throw new IOException($"injected: the process died before writing {kind}/{id}");
        }
    }
}
