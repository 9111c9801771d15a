namespace MarketIntel.Core.Storage;

/// <summary>
/// A conditional write lost a race: the record changed (or was deleted) since the ETag the writer holds was read.
/// Re-read and re-apply the change (see <see cref="RecordStoreExtensions.UpdateAsync{T}"/>), never overwrite blindly.
/// </summary>
public sealed class ConcurrencyConflictException : Exception
{
    public ConcurrencyConflictException(string message) : base(message)
    {
    }

    public ConcurrencyConflictException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public ConcurrencyConflictException(string kind, string partitionKey, string id, string? expectedETag, Exception? innerException = null)
        : base($"The {kind} record '{id}' in partition '{partitionKey}' was changed or deleted by another writer (expected ETag {expectedETag ?? "none"}).", innerException)
    {
        Kind = kind;
        PartitionKey = partitionKey;
        Id = id;
    }

    public ConcurrencyConflictException()
    {
    }

    public string? Kind { get; }

    public string? PartitionKey { get; }

    public string? Id { get; }
}
