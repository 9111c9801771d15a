using System.Text.Json;
using MarketIntel.Core.Storage;
using MarketIntel.Storage.Embedded;
using MarketIntel.Storage.Tests.Contracts;

namespace MarketIntel.Storage.Tests.Embedded;

public sealed class EmbeddedRecordStoreTests : RecordStoreContract, IDisposable
{
    private readonly EmbeddedTestDirectory directory = new();
    private readonly ManualTimeProvider clock = new(new DateTimeOffset(2024, 7, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly EmbeddedRecordStore store;

    public EmbeddedRecordStoreTests()
    {
        store = new EmbeddedRecordStore(new EmbeddedDatabase(directory.Path), clock);
    }

    protected override IRecordStore Store => store;

    public void Dispose() => directory.Dispose();

    protected override async Task AssertExpiresAsync(RecordEnvelope<JsonElement> stored, TimeSpan timeToLive)
    {
        clock.Advance(timeToLive - TimeSpan.FromSeconds(1));
        Assert.NotNull(await store.GetAsync<JsonElement>(stored.Kind, stored.PartitionKey, stored.Id));

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await store.GetAsync<JsonElement>(stored.Kind, stored.PartitionKey, stored.Id));
        Assert.Empty((await store.QueryAsync<JsonElement>(stored.Kind, stored.PartitionKey, new RecordQuery())).Records);
        // An expired id is free again, as in Cosmos DB once the item is gone.
        Assert.Equal(WriteOutcome.Created, (await store.CreateAsync(stored with { ETag = null })).Outcome);
        clock.Advance(timeToLive);
        Assert.Equal(1, await store.PurgeExpiredAsync());
    }
}
