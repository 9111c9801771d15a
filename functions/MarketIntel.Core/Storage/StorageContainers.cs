namespace MarketIntel.Core.Storage;

/// <summary>Container names (Cosmos DB containers; partitions of the embedded store's tables). All use the partition key path <c>/pk</c>.</summary>
public static class StorageContainers
{
    public const string Bars = "bars";
    public const string Snapshots = "snapshots";
    public const string Scans = "scans";
    public const string Analytics = "analytics";
    public const string Paper = "paper";
    public const string Watchlists = "watchlists";
    public const string Checkpoints = "checkpoints";
    public const string Runs = "runs";
    public const string Events = "events";

    /// <summary>Every container the stores use, for provisioning.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Bars, Snapshots, Scans, Analytics, Paper, Watchlists, Checkpoints, Runs, Events];
}
