using System.Text.Json;
using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using MarketIntel.Storage.Configuration;
using MarketIntel.Storage.Tests.Emulators;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MarketIntel.Storage.Tests.Tables;

/// <summary>The AzureTables provider end to end through <c>AddMarketIntelStorage</c>, on Azurite's Blob and Table services.</summary>
[Trait("Category", "Emulator")]
[Collection(AzuriteCollection.Name)]
public sealed class TablesDependencyInjectionTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task AzureTablesProvider_FromSettingsAlone_CreatesItsTables_StoresBarsRecordsAndRawPayloads_AndSweepsExpiredRecords()
    {
        var prefix = "di" + Guid.NewGuid().ToString("N")[..8];
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "AzureTables",
            ["Tables:ConnectionString"] = azurite.TablesConnectionString,
            ["Tables:TablePrefix"] = prefix,
            ["BlobStorage:ConnectionString"] = azurite.ConnectionString,
            ["BlobStorage:RawArchiveContainer"] = "raw-" + prefix,
            ["BlobStorage:ArtifactsContainer"] = "art-" + prefix,
        }).Build();
        await using var provider = new ServiceCollection().AddSingleton<TimeProvider>(clock).AddMarketIntelStorage(configuration).BuildServiceProvider();

        var raw = await provider.GetRequiredService<IRawArchive>().PutAsync(new RawPayload("alpaca", "bars-1d", DateTimeOffset.UtcNow, "[]"u8.ToArray(), "application/json", "GET /bars", "0.1.0"));
        var bars = TestBars.Generate(Timeframe.OneDay, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), 10);
        await provider.GetRequiredService<IBarStore>().UpsertAsync("BTC/USD", Timeframe.OneDay, bars, new BarProvenance("alpaca", "0.1.0", raw.Key));
        var page = await provider.GetRequiredService<IBarStore>().ReadAsync(new BarRangeQuery("BTC/USD", Timeframe.OneDay, bars[0].OpenTime, bars[^1].OpenTime.AddDays(1)));
        var records = provider.GetRequiredService<IRecordStore>();
        await records.CreateAsync(new RecordEnvelope<string>("evt", "2024-01-10", RecordKinds.SystemEvent, DateTimeOffset.UtcNow, JsonSerializer.SerializeToElement(new { }), "0.1.0", "info", "hello"));
        await records.CreateAsync(new RecordEnvelope<string>("alpaca|BTC%2FUSD|1d", "alpaca", RecordKinds.IngestionCheckpoint, DateTimeOffset.UtcNow, JsonSerializer.SerializeToElement(new { }), "0.1.0", "ok", "2024-01-10"));

        Assert.Equal(bars, page.Bars.ToList());
        Assert.All(page.Items, i => Assert.Equal(raw.Key, i.Provenance.RawArchiveKey));
        Assert.NotNull(await azurite.Tables.GetTableClient(prefix + StorageContainers.Bars).GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>(TableKeysFor("BTC/USD"), "2024-01-01T00:00"));

        clock.Advance(TimeSpan.FromDays(31));
        var expiries = provider.GetServices<IRecordExpiry>().ToList();
        Assert.Equal(1, await Assert.Single(expiries).DeleteExpiredAsync());
        Assert.Null(await records.GetAsync<string>(RecordKinds.SystemEvent, "2024-01-10", "evt"));
        Assert.Equal("2024-01-10", (await records.GetAsync<string>(RecordKinds.IngestionCheckpoint, "alpaca", "alpaca|BTC%2FUSD|1d"))!.Payload);
    }

    private static string TableKeysFor(string symbol) =>
        MarketIntel.Storage.Tables.TableKeys.Escape(BarRecordRules.PartitionKey(symbol, Timeframe.OneDay, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
}
