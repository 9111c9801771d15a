namespace MarketIntel.Storage.Configuration;

/// <summary>Which adapters <c>Storage:Provider</c> selects.</summary>
public enum StorageProvider
{
    /// <summary>SQLite file and raw-archive files under <c>Storage:DataPath</c>: zero set-up, the local default.</summary>
    Embedded,

    /// <summary>Cosmos DB for bars and records, Blob storage for the raw archive.</summary>
    Azure,

    /// <summary>Azure Tables for bars and records, Blob storage for the raw archive and artifacts: one storage account, no Cosmos DB.</summary>
    AzureTables,
}
