using System.Text.Json;
using MarketIntel.Core.Storage;
using MarketIntel.Storage.Cosmos;
using MarketIntel.Storage.Tests.Contracts;
using MarketIntel.Storage.Tests.Emulators;

namespace MarketIntel.Storage.Tests.Cosmos;

[Trait("Category", "Emulator")]
[Collection(CosmosCollection.Name)]
public sealed class CosmosRecordStoreTests(CosmosEmulatorFixture cosmos) : RecordStoreContract
{
    protected override IRecordStore Store { get; } = new CosmosRecordStore(cosmos.Storage, TimeProvider.System);

    /// <summary>
    /// The emulator does not expire items, so this pins what makes Cosmos DB expire them: TTL switched on for the
    /// container (DefaultTimeToLive -1) and the item's own <c>ttl</c> in seconds.
    /// </summary>
    protected override async Task AssertExpiresAsync(RecordEnvelope<JsonElement> stored, TimeSpan timeToLive)
    {
        var container = cosmos.Client.GetContainer(cosmos.DatabaseName, stored.Kind.Container);
        var properties = (await container.ReadContainerAsync()).Resource;
        Assert.Equal(-1, properties.DefaultTimeToLive);

        using var response = await container.ReadItemStreamAsync(stored.Id, new Microsoft.Azure.Cosmos.PartitionKey(stored.PartitionKey));
        using var document = await JsonDocument.ParseAsync(response.Content);
        Assert.Equal((int)timeToLive.TotalSeconds, document.RootElement.GetProperty("ttl").GetInt32());
    }

    [Fact]
    public async Task RequestCharges_AreMeteredPerOperation()
    {
        var storage = new CosmosStorage(cosmos.Client, cosmos.DatabaseName, createIfNotExists: false);
        var store = new CosmosRecordStore(storage, TimeProvider.System);
        var run = NewPartition("run");

        var created = (await store.CreateAsync(Setup(run, 1))).Record;
        await store.CreateAsync(Setup(run, 1));
        await store.GetAsync<SetupPayload>(RecordKinds.ScanRun, run, created.Id);
        await store.UpsertAsync(created with { Status = "v2" });
        await store.QueryAsync<SetupPayload>(RecordKinds.ScanRun, run, new RecordQuery());

        var charges = storage.Charges.Snapshot().ToDictionary(c => c.Operation);
        Assert.Equal(2, charges["record.create"].Count);
        Assert.Equal(2, charges["record.read"].Count);
        Assert.Equal(1, charges["record.replace"].Count);
        Assert.True(charges["record.query"].Count >= 1);
        Assert.All(charges.Values, c => Assert.True(c.RequestUnits > 0));
    }

    [Fact]
    public async Task WithoutCreationRights_AMissingDatabase_FailsWithAnErrorNamingTheSetting()
    {
        var storage = new CosmosStorage(cosmos.Client, "no-such-database-" + Guid.NewGuid().ToString("N")[..6], createIfNotExists: false);
        var store = new CosmosRecordStore(storage, TimeProvider.System);

        var error = await Assert.ThrowsAsync<MarketIntel.Storage.Configuration.StorageConfigurationException>(() => store.GetAsync<int>(RecordKinds.ScanRun, "run", "run"));

        Assert.Contains("CosmosDb:Database", error.Message, StringComparison.Ordinal);
        Assert.Contains("CosmosDb:CreateIfNotExists", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContainersWithoutExpiringKinds_HaveTimeToLiveOff()
    {
        var properties = (await cosmos.Client.GetContainer(cosmos.DatabaseName, StorageContainers.Scans).ReadContainerAsync()).Resource;

        Assert.Null(properties.DefaultTimeToLive);
        Assert.Equal("/pk", properties.PartitionKeyPath);
    }
}
