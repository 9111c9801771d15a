using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using BenchmarkDotNet.Attributes;
using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using MarketIntel.Storage.Blob;
using MarketIntel.Storage.Configuration;
using MarketIntel.Storage.Cosmos;
using MarketIntel.Storage.Embedded;
using MarketIntel.Storage.Tables;
using MarketIntel.Storage.Tests.Emulators;
using Microsoft.Azure.Cosmos;

namespace MarketIntel.Benchmarks.Storage;

/// <summary>
/// Bars written and read per second by each adapter: 1,000 one-minute bars per operation (divide 1,000 by the mean
/// time for bars per second). The embedded store writes one transaction and reads one query; Cosmos DB (the
/// cosmosdb-server emulator behind tests/emulators/cosmos-wrapper.js, gateway mode) writes 1,000 parallel point
/// upserts and reads them with partition-scoped queries; Azure Tables (Azurite's table service) writes 10 entity-group
/// transactions of 100 upserts and reads one partition scan; Blob (Azurite) archives the 1,000 bars as one JSON raw
/// payload and reads it back. Baseline: the embedded write. The emulators run on the same 2 cores as the benchmark,
/// so these are local figures, not Azure throughput.
/// </summary>
public class BarStorageBenchmarks
{
    private const int BarCount = 1000;
    private static readonly BarProvenance Provenance = new("benchmark", "0.1.0");
    private readonly Symbol symbol = new("BENCH");
    private List<Bar> bars = [];
    private string dataPath = string.Empty;
    private EmulatorProcess? cosmosEmulator;
    private EmulatorProcess? azurite;
    private CosmosClient? cosmosClient;
    private IBarStore embedded = null!;
    private IBarStore cosmos = null!;
    private EmulatorProcess? azuriteTables;
    private IBarStore tables = null!;
    private BlobRawArchive blob = null!;
    private string blobKey = string.Empty;
    private int blobSequence;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, Description = "Embedded: write 1,000 bars")]
    public Task<int> EmbeddedWrite() => embedded.UpsertAsync(symbol, Timeframe.OneMinute, bars, Provenance);

    [Benchmark(Description = "Embedded: read 1,000 bars")]
    public Task<BarPage> EmbeddedRead() => embedded.ReadAsync(Range());

    [Benchmark(Description = "Cosmos emulator: write 1,000 bars")]
    public Task<int> CosmosWrite() => cosmos.UpsertAsync(symbol, Timeframe.OneMinute, bars, Provenance);

    [Benchmark(Description = "Cosmos emulator: read 1,000 bars")]
    public Task<BarPage> CosmosRead() => cosmos.ReadAsync(Range());

    [Benchmark(Description = "Tables on Azurite: write 1,000 bars")]
    public Task<int> TablesWrite() => tables.UpsertAsync(symbol, Timeframe.OneMinute, bars, Provenance);

    [Benchmark(Description = "Tables on Azurite: read 1,000 bars")]
    public Task<BarPage> TablesRead() => tables.ReadAsync(Range());

    [Benchmark(Description = "Azurite: archive 1,000 bars as one payload")]
    public Task<RawArchiveEntry> BlobWrite() => blob.PutAsync(Payload(Interlocked.Increment(ref blobSequence)));

    [Benchmark(Description = "Azurite: read 1,000 bars back from a payload")]
    public async Task<int> BlobRead()
    {
        var item = await blob.GetAsync(blobKey).ConfigureAwait(false);
        return JsonSerializer.Deserialize<Bar[]>(item!.Content.Span)!.Length;
    }

    private BarRangeQuery Range() => new(symbol, Timeframe.OneMinute, bars[0].OpenTime, bars[^1].OpenTime.AddMinutes(1), PageSize: BarCount);

    private RawPayload Payload(int sequence) => new(
        "benchmark", "bars-1m", DateTimeOffset.UtcNow, JsonSerializer.SerializeToUtf8Bytes(bars), "application/json",
        "sequence=" + sequence.ToString(CultureInfo.InvariantCulture) + "&nonce=" + Guid.NewGuid().ToString("N"), "0.1.0");

    private async Task SetupAsync()
    {
        bars = Generate();
        dataPath = Path.Combine(Path.GetTempPath(), "marketintel-bench-" + Guid.NewGuid().ToString("N")[..8]);
        embedded = new EmbeddedBarStore(new EmbeddedDatabase(dataPath), TimeProvider.System);
        await embedded.UpsertAsync(symbol, Timeframe.OneMinute, bars, Provenance).ConfigureAwait(false);

        cosmosEmulator = await NodeEmulators.StartCosmosAsync().ConfigureAwait(false);
        cosmosClient = StorageClients.CreateCosmosClient(new StorageSettings
        {
            Provider = StorageProvider.Azure,
            CosmosEndpoint = new Uri($"https://127.0.0.1:{cosmosEmulator.Port.ToString(CultureInfo.InvariantCulture)}/"),
            CosmosKey = NodeEmulators.CosmosEmulatorKey,
            CosmosConnectionMode = ConnectionMode.Gateway,
            CosmosLimitToEndpoint = true,
            CosmosAcceptEmulatorCertificate = true,
        });
        cosmos = new CosmosBarStore(new CosmosStorage(cosmosClient, "bench", createIfNotExists: true), TimeProvider.System);
        await cosmos.UpsertAsync(symbol, Timeframe.OneMinute, bars, Provenance).ConfigureAwait(false);

        azurite = await NodeEmulators.StartAzuriteAsync(dataPath + "-azurite").ConfigureAwait(false);
        var service = new BlobServiceClient(NodeEmulators.AzuriteConnectionString(azurite.Port));
        blob = new BlobRawArchive(service.GetBlobContainerClient("bench"));
        blobKey = (await blob.PutAsync(Payload(0)).ConfigureAwait(false)).Key;

        azuriteTables = await NodeEmulators.StartAzuriteTablesAsync(dataPath + "-azurite-tables").ConfigureAwait(false);
        var tableService = new TableServiceClient(NodeEmulators.AzuriteTablesConnectionString(azuriteTables.Port));
        tables = new TablesBarStore(new TablesStorage(tableService, "bench", createIfNotExists: true, new BlobArtifactStore(service.GetBlobContainerClient("bench-artifacts"))), TimeProvider.System);
        await tables.UpsertAsync(symbol, Timeframe.OneMinute, bars, Provenance).ConfigureAwait(false);
    }

    private async Task CleanupAsync()
    {
        cosmosClient?.Dispose();
        if (cosmosEmulator is not null)
        {
            await cosmosEmulator.DisposeAsync().ConfigureAwait(false);
        }

        if (azurite is not null)
        {
            await azurite.DisposeAsync().ConfigureAwait(false);
        }

        if (azuriteTables is not null)
        {
            await azuriteTables.DisposeAsync().ConfigureAwait(false);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var path in new[] { dataPath, dataPath + "-azurite", dataPath + "-azurite-tables" })
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
    }

    private static List<Bar> Generate()
    {
        var random = new Random(42);
        var list = new List<Bar>(BarCount);
        var time = new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc);
        var price = 100.0;
        for (var i = 0; i < BarCount; i++)
        {
            var close = price * (1 + ((random.NextDouble() - 0.5) * 0.002));
            list.Add(new Bar(time.AddMinutes(i), price, Math.Max(price, close) + 0.05, Math.Min(price, close) - 0.05, close, random.Next(1, 100_000), random.Next(1, 500)));
            price = close;
        }

        return list;
    }
}
