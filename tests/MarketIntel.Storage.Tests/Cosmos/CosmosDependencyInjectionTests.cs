using System.Globalization;
using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using MarketIntel.Storage.Configuration;
using MarketIntel.Storage.Tests.Emulators;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MarketIntel.Storage.Tests.Cosmos;

/// <summary>The Azure adapters end to end through <c>AddMarketIntelStorage</c>, against both emulators.</summary>
[Trait("Category", "Emulator")]
[Collection(CosmosCollection.Name)]
public sealed class CosmosDependencyInjectionTests(CosmosEmulatorFixture cosmos, AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task AzureProvider_FromSettingsAlone_CreatesItsContainers_AndStoresBarsRecordsAndRawPayloads()
    {
        var database = "di-" + Guid.NewGuid().ToString("N")[..8];
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Azure",
            ["CosmosDb:Endpoint"] = cosmos.Endpoint.ToString(),
            ["CosmosDb:Key"] = Environment.GetEnvironmentVariable("COSMOS_KEY") ?? NodeEmulators.CosmosEmulatorKey,
            ["CosmosDb:Database"] = database,
            ["CosmosDb:ConnectionMode"] = "Gateway",
            ["CosmosDb:CreateIfNotExists"] = "true",
            ["CosmosDb:LimitToEndpoint"] = cosmos.Endpoint.IsLoopback.ToString(CultureInfo.InvariantCulture),
            ["CosmosDb:AcceptEmulatorCertificate"] = cosmos.Endpoint.IsLoopback.ToString(CultureInfo.InvariantCulture),
            ["BlobStorage:ConnectionString"] = azurite.ConnectionString,
            ["BlobStorage:RawArchiveContainer"] = "raw-" + database,
        }).Build();
        await using var provider = new ServiceCollection().AddMarketIntelStorage(configuration).BuildServiceProvider();

        var raw = await provider.GetRequiredService<IRawArchive>().PutAsync(new RawPayload("alpaca", "bars-1d", DateTimeOffset.UtcNow, "[]"u8.ToArray(), "application/json", "GET /bars", "0.1.0"));
        var bars = TestBars.Generate(Timeframe.OneDay, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), 10);
        await provider.GetRequiredService<IBarStore>().UpsertAsync("MSFT", Timeframe.OneDay, bars, new BarProvenance("alpaca", "0.1.0", raw.Key));
        var page = await provider.GetRequiredService<IBarStore>().ReadAsync(new BarRangeQuery("MSFT", Timeframe.OneDay, bars[0].OpenTime, bars[^1].OpenTime.AddDays(1)));

        Assert.Equal(bars, page.Bars.ToList());
        Assert.All(page.Items, i => Assert.Equal(raw.Key, i.Provenance.RawArchiveKey));
        var records = provider.GetRequiredService<IRecordStore>();
        var checkpoint = new RecordEnvelope<string>(StorageKey.Compose("MSFT", "1d"), "alpaca", RecordKinds.IngestionCheckpoint, DateTimeOffset.UtcNow, System.Text.Json.JsonSerializer.SerializeToElement(new { }), "0.1.0", "ok", "2024-01-10");
        await records.CreateAsync(checkpoint);
        Assert.Equal("2024-01-10", (await records.GetAsync<string>(RecordKinds.IngestionCheckpoint, "alpaca", checkpoint.Id))!.Payload);
        await provider.GetRequiredService<Microsoft.Azure.Cosmos.CosmosClient>().GetDatabase(database).DeleteAsync();
    }
}
