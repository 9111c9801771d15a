namespace MarketIntel.Core.Storage;

/// <summary>Limits every adapter enforces identically, so that the embedded store fails where Cosmos DB would.</summary>
public static class StorageLimits
{
    /// <summary>
    /// Largest serialized record: Cosmos DB refuses items over 2 MB; 2,000,000 bytes leaves room for its system
    /// properties. Larger results belong in the blob artifact store with a reference in the record.
    /// </summary>
    public const int MaxRecordBytes = 2_000_000;
}
