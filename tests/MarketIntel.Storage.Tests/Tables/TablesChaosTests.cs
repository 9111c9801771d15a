using System.Diagnostics;
using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using MarketIntel.Storage.Blob;
using MarketIntel.Storage.Configuration;
using MarketIntel.Storage.Tables;
using MarketIntel.Storage.Tests.Emulators;
using Xunit.Abstractions;

namespace MarketIntel.Storage.Tests.Tables;

/// <summary>
/// Chaos on Azurite's Table service with the product's own client (<see cref="StorageClients.CreateTableServiceClient"/>,
/// its retry policy included): the emulator is killed by its PID while a series of bar batches is being ingested, the
/// health probe is read while it is down, and it is started again on the same port and data folder. The ingest must
/// ride out the outage on the client's retries and finish; the probe must say degraded while down and ok after.
/// </summary>
[Trait("Category", "Emulator")]
[Collection(AzuriteCollection.Name)]
public sealed class TablesChaosTests(AzuriteFixture azurite, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Batches = 40;
    private const int BarsPerBatch = 50;

    private readonly string scratch = Path.Combine(Path.GetTempPath(), "marketintel-tables-chaos-" + Guid.NewGuid().ToString("N")[..8]);

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task EmulatorKilledDuringIngest_HealthIsDegradedWhileDown_IngestRetriesAndFinishesWithOneCopyOfEachBar()
    {
        var location = Path.Combine(scratch, "data");
        Directory.CreateDirectory(location);
        var emulator = await NodeEmulators.StartAzuriteTablesAsync(scratch, location);
        var port = emulator.Port;
        try
        {
            var service = StorageClients.CreateTableServiceClient(new StorageSettings { TablesConnectionString = NodeEmulators.AzuriteTablesConnectionString(port) });
            var storage = new TablesStorage(service, "chaos", createIfNotExists: true, new BlobArtifactStore(azurite.NewContainer(), createContainerIfNotExists: true));
            var records = new TablesRecordStore(storage, TimeProvider.System);
            var bars = new TablesBarStore(storage, TimeProvider.System);
            var probe = new StoreHealthProbe(records, bars, TimeProvider.System) { CacheFor = TimeSpan.Zero, Timeout = TimeSpan.FromSeconds(1) };
            Assert.Equal(StoreHealthProbe.Ok, (await probe.CheckAsync()).Status);

            var symbol = TestBars.UniqueSymbol("CHAOS");
            var provenance = new BarProvenance("chaos", "1");
            var series = TestBars.Generate(Timeframe.OneMinute, new DateTime(2026, 3, 2, 14, 30, 0, DateTimeKind.Utc), Batches * BarsPerBatch);
            var batches = series.Chunk(BarsPerBatch).ToList();
            // The first batches (and the tables) are on disk before the chaos: Azurite loses what it has not saved yet,
            // the table itself included, which Azure Tables never does once it has answered.
            const int PersistedBatches = 5;
            foreach (var batch in batches.Take(PersistedBatches))
            {
                await bars.UpsertAsync(symbol, Timeframe.OneMinute, batch, provenance);
            }

            await AzuritePersistence.WaitForPersistedAsync(location);
            var done = PersistedBatches;
            var writer = Task.Run(async () =>
            {
                foreach (var batch in batches.Skip(PersistedBatches))
                {
                    await bars.UpsertAsync(symbol, Timeframe.OneMinute, batch, provenance);
                    Interlocked.Increment(ref done);
                }
            });
            while (Volatile.Read(ref done) < PersistedBatches + 5 && !writer.IsCompleted)
            {
                await Task.Delay(5);
            }

            await emulator.DisposeAsync();
            var doneAtKill = Volatile.Read(ref done);
            Assert.True(doneAtKill < Batches, "the ingest finished before the emulator was killed");

            var down = await probe.CheckAsync();
            var downtime = Stopwatch.StartNew();
            emulator = await NodeEmulators.StartAzuriteTablesAsync(scratch, location, port);
            var restartTook = downtime.Elapsed;

            await writer.WaitAsync(TimeSpan.FromSeconds(60));
            var up = await probe.CheckAsync();

            Assert.Equal(StoreHealthProbe.Degraded, down.Status);
            Assert.All(down.Stores, s => Assert.Equal(StoreHealthProbe.Degraded, s.Status));
            Assert.All(down.Stores, s => Assert.False(string.IsNullOrEmpty(s.Error)));
            Assert.Equal(StoreHealthProbe.Ok, up.Status);
            Assert.Equal(Batches, Volatile.Read(ref done));

            // Azurite saves its in-memory database every few seconds, so writes it acknowledged just before a SIGKILL can
            // be gone after the restart (Azure Tables itself acknowledges only durable writes). An ingest that restarts
            // re-runs from its checkpoint; re-running the whole series stands for that and must not double anything.
            var afterRestart = await ReadAllAsync(bars, symbol, series);
            await bars.UpsertAsync(symbol, Timeframe.OneMinute, series, provenance);
            var stored = await ReadAllAsync(bars, symbol, series);

            output.WriteLine($"killed after {doneAtKill}/{Batches} batches; restart took {restartTook.TotalMilliseconds:0} ms; "
                + $"probe while down: {string.Join("; ", down.Stores.Select(s => $"{s.Name} {s.Status} {s.LatencyMs} ms ({s.Error})"))}; "
                + $"bars stored after restart before the re-run: {afterRestart.Count}/{series.Count}");
            Assert.Equal(series.Select(b => b.OpenTime), stored.Select(b => b.OpenTime));
            Assert.Equal(series, stored);
        }
        finally
        {
            await emulator.DisposeAsync();
        }
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(scratch))
        {
            Directory.Delete(scratch, recursive: true);
        }

        return Task.CompletedTask;
    }

    private static async Task<List<Bar>> ReadAllAsync(IBarStore bars, Symbol symbol, List<Bar> series)
    {
        var all = new List<Bar>();
        string? token = null;
        do
        {
            var page = await bars.ReadAsync(new BarRangeQuery(symbol, Timeframe.OneMinute, series[0].OpenTime, series[^1].OpenTime.AddMinutes(1), 1000, token));
            all.AddRange(page.Bars);
            token = page.ContinuationToken;
        }
        while (token is not null);

        return all;
    }
}
