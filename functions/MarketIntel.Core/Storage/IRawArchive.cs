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

    /// <summary>The entry and its content, or null when the key is unknown.</summary>
    Task<RawArchiveItem?> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>The entries of one provider on one UTC day, in key order.</summary>
    IAsyncEnumerable<RawArchiveEntry> ListAsync(string provider, DateOnly day, CancellationToken cancellationToken = default);

    /// <summary>Deletes one provider's whole day (retention); returns the payloads deleted. Deleting a missing day deletes nothing.</summary>
    Task<int> DeleteDayAsync(string provider, DateOnly day, CancellationToken cancellationToken = default);
}
