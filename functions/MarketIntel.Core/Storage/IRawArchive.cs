namespace MarketIntel.Core.Storage;

/// <summary>
/// Every payload received from a provider, kept as received before parsing: immutable, date-partitioned and
/// content-addressed, so that a retried archive write finds the first copy instead of writing a second one.
/// </summary>
public interface IRawArchive
{
    /// <summary>Archives the payload unless the same content was already archived for that provider, dataset and day.</summary>
    /// <exception cref="InvalidRecordException">Empty provider, dataset or code version.</exception>
    Task<RawArchiveEntry> PutAsync(RawPayload payload, CancellationToken cancellationToken = default);

    /// <summary>
    /// Archives a payload of a high-rate stream (a tick batch every few milliseconds) with the same key, the same
    /// first-copy rule and the same readers (<see cref="GetAsync"/>, <see cref="ListAsync"/>, <see cref="DeleteDayAsync"/>)
    /// as <see cref="PutAsync"/>, but lets the adapter pack such payloads together rather than give each a file or blob of
    /// its own (the file archive appends them to a segment file). The default is <see cref="PutAsync"/>.
    /// </summary>
    /// <exception cref="InvalidRecordException">Empty provider, dataset or code version.</exception>
    Task<RawArchiveEntry> AppendAsync(RawPayload payload, CancellationToken cancellationToken = default) => PutAsync(payload, cancellationToken);

    /// <summary>The entry and its content, or null when the key is unknown.</summary>
    Task<RawArchiveItem?> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>The entries of one provider on one UTC day, in key order.</summary>
    IAsyncEnumerable<RawArchiveEntry> ListAsync(string provider, DateOnly day, CancellationToken cancellationToken = default);

    /// <summary>Deletes one provider's whole day (retention); returns the payloads deleted. Deleting a missing day deletes nothing.</summary>
    Task<int> DeleteDayAsync(string provider, DateOnly day, CancellationToken cancellationToken = default);
}
