using System.Diagnostics;
using System.Globalization;
using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using MarketIntel.Storage.Cosmos;
using MarketIntel.Storage.Tests.Emulators;
using Xunit.Abstractions;

namespace MarketIntel.Storage.Tests.Cosmos;

/// <summary>
/// Chaos on the Cosmos emulator (the cosmos-wrapper over @vercel/cosmosdb-server, which keeps everything in memory: a
/// restarted emulator is empty, database and containers included). The emulator is killed by its PID while bars are
/// being written and started again on the same port. The writer runs on the product's write retry
/// (<see cref="CosmosWriteRetry"/>: 6 retries from 200 ms): its writes wait out the outage, find the containers gone,
/// have them created again (the stores create them, as at a start) and finish. With an emulator that forgets
/// everything, what can be asserted about the data is what was written after the kill: every such batch is stored
/// exactly once, equal to the generated bars; what was acknowledged before the kill is lost with the emulator (a real
/// account keeps it).
/// </summary>
[Trait("Category", "Emulator")]
public sealed class CosmosChaosTests(ITestOutputHelper output)
{
    [Fact]
    public async Task EmulatorKilledDuringWrites_WriterFinishesAfterTheRestart_EveryLaterBatchStoredOnce_HealthDegradedWhileDown()
    {
        var emulator = await NodeEmulators.StartCosmosAsync();
        var port = emulator.Port;
        try
        {
            var endpoint = new Uri($"https://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
            using var client = CosmosEmulatorFixture.CreateClient(endpoint, NodeEmulators.CosmosEmulatorKey);
            var storage = new CosmosStorage(client, "chaos", createIfNotExists: true, writeRetry: new CosmosWriteRetry(TimeProvider.System));
            var records = new CosmosRecordStore(storage, TimeProvider.System);
            var bars = new CosmosBarStore(storage, TimeProvider.System);
            var probe = new StoreHealthProbe(records, bars, TimeProvider.System) { CacheFor = TimeSpan.Zero, Timeout = TimeSpan.FromSeconds(2) };
            // The first reads create the database and containers (createIfNotExists), which takes the emulator longer than
            // the probe's timeout: a cold host is degraded until they exist, and the creation goes on in the background.
            var before = await probe.CheckAsync();
            for (var i = 0; i < 30 && before.Status != StoreHealthProbe.Ok; i++)
            {
                await Task.Delay(500);
                before = await probe.CheckAsync();
            }

            Assert.Equal(StoreHealthProbe.Ok, before.Status);

            var symbol = TestBars.UniqueSymbol("CHAOS");
            var series = TestBars.Generate(Timeframe.OneMinute, new DateTime(2026, 3, 2, 14, 30, 0, DateTimeKind.Utc), 2000);
            var batches = series.Chunk(50).ToList();
            var done = 0;
            var writer = Task.Run(async () =>
            {
                foreach (var batch in batches)
                {
                    await bars.UpsertAsync(symbol, Timeframe.OneMinute, batch, new BarProvenance("chaos", "1"));
                    Interlocked.Increment(ref done);
                }
            });
            while (Volatile.Read(ref done) < 5 && !writer.IsCompleted)
            {
                await Task.Delay(5);
            }

            await emulator.DisposeAsync();
            // Batches after this one started after the kill (the writer counts a batch before starting the next).
            var doneAtKill = Volatile.Read(ref done);
            var down = await probe.CheckAsync();
            var downtime = Stopwatch.StartNew();
            emulator = await NodeEmulators.StartCosmosAsync(port: port);
            var restartTook = downtime.Elapsed;
            var writerFailure = await Record.ExceptionAsync(() => writer.WaitAsync(TimeSpan.FromSeconds(90)));
            var writerTook = downtime.Elapsed;
            var afterRestart = await probe.CheckAsync();
            var stored = (await bars.ReadAsync(new BarRangeQuery(symbol, Timeframe.OneMinute, series[0].OpenTime, series[^1].OpenTime.AddMinutes(1), PageSize: BarRangeQuery.MaxPageSize))).Bars.ToList();

            output.WriteLine($"killed after {doneAtKill}/40 batches; restart took {restartTook.TotalMilliseconds:0} ms; "
                + $"writer: {(writerFailure is null ? $"finished {writerTook.TotalMilliseconds:0} ms after the kill" : $"failed after {Volatile.Read(ref done)}/40 batches: {writerFailure.GetType().Name}: {writerFailure.Message.Split('\n')[0]}")}; "
                + $"stored after the restart: {stored.Count} of 2000 bars; probe while down: {Describe(down)}; after the restart: {Describe(afterRestart)}");
            Assert.True(doneAtKill < 40, "the writes finished before the emulator was killed");
            Assert.Equal(StoreHealthProbe.Degraded, down.Status);
            Assert.All(down.Stores, s => Assert.Equal(StoreHealthProbe.Degraded, s.Status));
            Assert.Null(writerFailure);
            Assert.Equal(40, Volatile.Read(ref done));
            // Each stored bar is one of the series, once; every batch started after the kill is there in full.
            Assert.Equal(stored.Count, stored.Select(b => b.OpenTime).Distinct().Count());
            var generated = series.ToDictionary(b => b.OpenTime);
            Assert.All(stored, b => Assert.Equal(generated[b.OpenTime], b));
            var storedTimes = stored.Select(b => b.OpenTime).ToHashSet();
            Assert.All(batches.Skip(doneAtKill + 1).SelectMany(b => b), b => Assert.Contains(b.OpenTime, storedTimes));
            // The writer had the containers created again (as a start does), so the stores answer again.
            Assert.Equal(StoreHealthProbe.Ok, afterRestart.Status);
        }
        finally
        {
            await emulator.DisposeAsync();
        }
    }

    private static string Describe(StoreHealthReport report) =>
        string.Join("; ", report.Stores.Select(s => $"{s.Name} {s.Status} {s.LatencyMs} ms ({s.Error})"));
}
