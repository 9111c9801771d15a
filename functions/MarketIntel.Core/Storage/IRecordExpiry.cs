namespace MarketIntel.Core.Storage;

/// <summary>
/// Deletes records whose time to live has passed, for stores whose service has no TTL of its own (Azure Tables,
/// the embedded file). Cosmos DB expires items itself and registers none. Reads of every store already hide expired
/// records; this only reclaims their space, and the retention run calls it.
/// </summary>
public interface IRecordExpiry
{
    /// <summary>Deletes every expired record; returns how many.</summary>
    Task<int> DeleteExpiredAsync(CancellationToken cancellationToken = default);
}
