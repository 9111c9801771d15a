using System.Text.Json;
using MarketIntel.Core.Storage;
using MarketIntel.Storage.Embedded;
using MarketIntel.Storage.Tests.Contracts;
using Microsoft.Extensions.Time.Testing;

namespace MarketIntel.Storage.Tests.Embedded;

public sealed class EmbeddedRecordStoreTests : RecordStoreContract, IDisposable
{
    private readonly EmbeddedTestDirectory directory = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2024, 7, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly EmbeddedRecordStore store;

    public EmbeddedRecordStoreTests()
    {
        store = new EmbeddedRecordStore(new EmbeddedDatabase(directory.Path), clock);
    }

    protected override IRecordStore Store => store;

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task ExpiredRecords_AreDeletedWhenTheNextStoreStarts()
    {
        var day = StorageKey.Compose("2024-07-01");
        await store.CreateAsync(new RecordEnvelope<int>("evt-1", day, RecordKinds.SystemEvent, CreatedAt, Inputs(new { }), "0.1.0", "info", 1));
        await store.CreateAsync(new RecordEnvelope<int>("run-1", "run-1", RecordKinds.ScanRun, CreatedAt, Inputs(new { }), "0.1.0", "done", 1));
        var database = new EmbeddedDatabase(directory.Path);
        var later = new EmbeddedRecordStore(database, new FakeTimeProvider(clock.GetUtcNow().AddDays(31)));

        Assert.Null(await later.GetAsync<int>(RecordKinds.SystemEvent, day, "evt-1"));

        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM records;";
        Assert.Equal("run-1", (string?)await command.ExecuteScalarAsync());
        Assert.Equal(0, await later.PurgeExpiredAsync());
    }

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
