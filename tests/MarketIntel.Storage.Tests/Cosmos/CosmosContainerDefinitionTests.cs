using MarketIntel.Core.Storage;
using MarketIntel.Storage.Cosmos;

namespace MarketIntel.Storage.Tests.Cosmos;

/// <summary>The container definitions infrastructure must reproduce (partition key, TTL, indexing).</summary>
public sealed class CosmosContainerDefinitionTests
{
    [Fact]
    public void EveryContainer_IsPartitionedByPk()
    {
        Assert.All(StorageContainers.All, name => Assert.Equal("/pk", CosmosStorage.Definition(name).PartitionKeyPath));
        Assert.Equal(StorageContainers.All.Count, StorageContainers.All.Distinct().Count());
        Assert.All(RecordKinds.All, kind => Assert.Contains(kind.Container, StorageContainers.All));
    }

    [Fact]
    public void TimeToLive_IsOnExactlyWhereAKindExpires()
    {
        var withTtl = StorageContainers.All.Where(n => CosmosStorage.Definition(n).DefaultTimeToLive == -1).Order(StringComparer.Ordinal);

        // checkpoints: the tick stream's bar states expire (RecordKinds.TickBarState).
        string[] expiring = [StorageContainers.Checkpoints, StorageContainers.Events, StorageContainers.Runs];
        Assert.Equal(expiring, withTtl);
        Assert.All(StorageContainers.All.Except(expiring), n => Assert.Null(CosmosStorage.Definition(n).DefaultTimeToLive));
    }

    [Fact]
    public void Bars_IndexOnlyTheRangeKey_RecordsIndexEverythingButPayloadAndInputs()
    {
        var bars = CosmosStorage.Definition(StorageContainers.Bars).IndexingPolicy;
        var scans = CosmosStorage.Definition(StorageContainers.Scans).IndexingPolicy;

        Assert.Equal(["/pk/?", "/t/?"], bars.IncludedPaths.Select(p => p.Path));
        Assert.Equal(["/*"], bars.ExcludedPaths.Select(p => p.Path));
        Assert.Equal(["/*"], scans.IncludedPaths.Select(p => p.Path));
        Assert.Equal(["/payload/*", "/inputs/*"], scans.ExcludedPaths.Select(p => p.Path));
    }
}
