using System.Text.Json;
using Azure.Data.Tables;
using MarketIntel.Core.Storage;
using MarketIntel.Storage.Tables;
using MarketIntel.Storage.Tests.Contracts;
using MarketIntel.Storage.Tests.Emulators;
using Microsoft.Extensions.Time.Testing;

namespace MarketIntel.Storage.Tests.Tables;

[Trait("Category", "Emulator")]
[Collection(AzuriteCollection.Name)]
public sealed class TablesRecordStoreTests(AzuriteFixture azurite) : RecordStoreContract
{
    private readonly TablesStorage storage = azurite.NewTablesStorage();

    protected override IRecordStore Store => new TablesRecordStore(storage, TimeProvider.System);

    /// <summary>
    /// Tables has no TTL: a store whose clock is past the record's lifetime no longer sees it (point read, query,
    /// create), and the retention sweep deletes the entity itself, leaving records without one alone.
    /// </summary>
    protected override async Task AssertExpiresAsync(RecordEnvelope<JsonElement> stored, TimeSpan timeToLive)
    {
        var keeper = (await Store.CreateAsync(new RecordEnvelope<int>("keep-" + Guid.NewGuid().ToString("N")[..6], stored.PartitionKey, RecordKinds.SystemEvent, CreatedAt, Inputs(new { }), "0.1.0", "info", 1) { TimeToLive = timeToLive * 2 })).Record;
        var justBefore = new TablesRecordStore(storage, new FakeTimeProvider(stored.UpdatedAt!.Value + timeToLive - TimeSpan.FromSeconds(5)));
        var after = new TablesRecordStore(storage, new FakeTimeProvider(stored.UpdatedAt!.Value + timeToLive + TimeSpan.FromSeconds(1)));

        Assert.NotNull(await justBefore.GetAsync<JsonElement>(stored.Kind, stored.PartitionKey, stored.Id));
        Assert.Null(await after.GetAsync<JsonElement>(stored.Kind, stored.PartitionKey, stored.Id));
        Assert.Equal([keeper.Id], (await after.QueryAsync<JsonElement>(stored.Kind, stored.PartitionKey, new RecordQuery())).Records.Select(r => r.Id));
        Assert.False(await after.DeleteAsync(stored.Kind, stored.PartitionKey, stored.Id, stored.ETag));

        Assert.Equal(0, await justBefore.DeleteExpiredAsync());
        Assert.Equal(1, await after.DeleteExpiredAsync());

        var table = azurite.Tables.GetTableClient(storage.TableName(stored.Kind.Container));
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(stored.PartitionKey), stored.Id)).HasValue);
        Assert.True((await table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(stored.PartitionKey), keeper.Id)).HasValue);
    }

    [Fact]
    public async Task Create_OverAnExpiredRecord_WritesTheNewOne()
    {
        var day = NewPartition("2024-07-01");
        var first = (await Store.CreateAsync(new RecordEnvelope<string>("evt", day, RecordKinds.SystemEvent, CreatedAt, Inputs(new { }), "0.1.0", "info", "first"))).Record;
        var later = new TablesRecordStore(storage, new FakeTimeProvider(first.UpdatedAt!.Value.AddDays(31)));

        var second = await later.CreateAsync(new RecordEnvelope<string>("evt", day, RecordKinds.SystemEvent, CreatedAt, Inputs(new { }), "0.1.0", "info", "second"));

        Assert.Equal(WriteOutcome.Created, second.Outcome);
        Assert.Equal("second", (await later.GetAsync<string>(RecordKinds.SystemEvent, day, "evt"))!.Payload);
    }

    [Fact]
    public async Task RecordLargerThanAnEntity_GoesToTheArtifactStore_WithAReference_AndReadsBackWhole()
    {
        var run = NewPartition("backtest");
        // About 1.5 MB of JSON: over the 1 MiB entity limit, under the 2 MB record limit every store shares.
        var curve = Enumerable.Range(0, 80_000).Select(i => 10_000 + (i * 0.123456789)).ToArray();
        var record = new RecordEnvelope<double[]>(run, run, RecordKinds.RiskReport, CreatedAt, Inputs(new { }), "0.1.0", "completed", curve);

        var created = await Store.CreateAsync(record);
        var again = await Store.CreateAsync(record);
        var page = await Store.QueryAsync<double[]>(RecordKinds.RiskReport, run, new RecordQuery());

        Assert.Equal(WriteOutcome.Created, created.Outcome);
        Assert.Equal(WriteOutcome.AlreadyExisted, again.Outcome);
        Assert.Equal(curve, (await Store.GetAsync<double[]>(RecordKinds.RiskReport, run, run))!.Payload);
        Assert.Equal(curve, Assert.Single(page.Records).Payload);
        var entity = (await azurite.Tables.GetTableClient(storage.TableName(StorageContainers.Analytics)).GetEntityAsync<TableEntity>(TableKeys.Escape(run), run)).Value;
        var reference = entity.GetString("BodyRef");
        Assert.NotNull(reference);
        Assert.Null(entity.GetBinary("B0"));
        Assert.NotNull(await storage.Overflow.GetInfoAsync(reference));
    }

    [Fact]
    public async Task RecordJustUnderTheInlineLimit_StaysInTheEntity_InChunksOf64KiB()
    {
        var run = NewPartition("backtest");
        var text = new string('x', TablesRecordStore.MaxInlineBytes - 1000);
        var record = new RecordEnvelope<string>(run, run, RecordKinds.RiskReport, CreatedAt, Inputs(new { }), "0.1.0", "completed", text);

        await Store.CreateAsync(record);

        Assert.Equal(text, (await Store.GetAsync<string>(RecordKinds.RiskReport, run, run))!.Payload);
        var entity = (await azurite.Tables.GetTableClient(storage.TableName(StorageContainers.Analytics)).GetEntityAsync<TableEntity>(TableKeys.Escape(run), run)).Value;
        Assert.Null(entity.GetString("BodyRef"));
        Assert.Equal(TablesRecordStore.MaxInlineBytes / TablesRecordStore.ChunkBytes, entity.Keys.Count(k => k.StartsWith('B') && k != "BodyRef"));
    }

    public static TheoryData<string, string> KeyForms() => new()
    {
        // Partition keys are free text (a symbol, an owner id); ids are what StorageKey.ValidateId accepts.
        { "BTC/USD", "1d" },
        { "back\\slash#hash?query", "setup|0001|BTC%2FUSD" },
        { "ctl\u0001\u001f\u007f\u0085\u009f", StorageKey.Compose("order", "client/1#2?3\\4") },
        { "%25 already%2Fescaped %", "100%|%25|%" },
        { "quote'in \"pk\"", "it's \"quoted\"" },
        { "unicode é € 日本 😀", "unicode é € 日本 😀" },
        { StorageKey.Compose("listing", "2024-07"), StorageKey.TimeOrdered(new DateTimeOffset(2024, 7, 1, 12, 0, 0, TimeSpan.Zero), "run/1") },
        { "  spaces  ", " leading and inner spaces" },
        { "|", StorageKey.Hash("ingestion", "tick") },
        { "ES=F:^GSPC_EUR-USD.B", new string('z', StorageKey.MaxIdLength) },
    };

    [Theory]
    [MemberData(nameof(KeyForms))]
    public async Task EveryPartitionKeyAndIdForm_RoundTrips_AndIsFoundByQueryAndDelete(string partitionKey, string id)
    {
        var pk = partitionKey + Guid.NewGuid().ToString("N")[..6];
        var record = new RecordEnvelope<string>(id, pk, RecordKinds.PaperOrder, CreatedAt, Inputs(new { }), "0.1.0", "new", "payload");

        var created = (await Store.CreateAsync(record)).Record;
        var read = await Store.GetAsync<string>(RecordKinds.PaperOrder, pk, id);
        var page = await Store.QueryAsync<string>(RecordKinds.PaperOrder, pk, new RecordQuery(IdPrefix: id[..Math.Min(3, id.Length)]));

        Assert.Equal(pk, created.PartitionKey);
        Assert.Equal(id, read!.Id);
        Assert.Equal(pk, read.PartitionKey);
        Assert.Equal(id, Assert.Single(page.Records).Id);
        Assert.True(await Store.DeleteAsync(RecordKinds.PaperOrder, pk, id, read.ETag));
        Assert.Null(await Store.GetAsync<string>(RecordKinds.PaperOrder, pk, id));
    }

    [Fact]
    public async Task IdsHoldingTheEscapeCharacter_PageInOrdinalOrder()
    {
        var pk = NewPartition("pct");
        string[] ids = ["a", "a%", "a%%", "a%0", "a%2F", "a%25", "a%3", "a!", "a0", "b", "%", "%%"];
        foreach (var id in ids.Reverse())
        {
            await Store.CreateAsync(new RecordEnvelope<int>(id, pk, RecordKinds.PaperOrder, CreatedAt, Inputs(new { }), "0.1.0", "new", 1));
        }

        var read = new List<string>();
        string? token = null;
        do
        {
            var page = await Store.QueryAsync<int>(RecordKinds.PaperOrder, pk, new RecordQuery(PageSize: 5, ContinuationToken: token, IdFrom: "%", IdTo: "b"));
            read.AddRange(page.Records.Select(r => r.Id));
            token = page.ContinuationToken;
        }
        while (token is not null);

        Assert.Equal(ids.Where(i => i != "b").Order(StringComparer.Ordinal), read);
    }
}
