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
/// being written and started again on the same port. What can be asserted with an emulator that forgets everything is
/// the health probe: degraded while it is down, and still degraded after the restart, because the containers the host
/// was configured with are gone (a host that reported ok there would hide the loss of every bar). The writer's fate is
/// written to the test output, not asserted: today a transport failure of a Cosmos write escapes at once (no retry
/// across an outage, see README "Reliability tests"), and after this restart there is no container to write to anyway.
/// </summary>
[Trait("Category", "Emulator")]
public sealed class CosmosChaosTests(ITestOutputHelper output)
{
    [Fact]
    public async Task EmulatorKilledDuringWrites_HealthIsDegradedWhileDown_AndAfterARestartThatLostTheDatabase()
    {
        var emulator = await NodeEmulators.StartCosmosAsync();
        var port = emulator.Port;
        try
        {
            var endpoint = new Uri($"https://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
            using var client = CosmosEmulatorFixture.CreateClient(endpoint, NodeEmulators.CosmosEmulatorKey);
            var storage = new CosmosStorage(client, "chaos", createIfNotExists: true);
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
            var done = 0;
            var writer = Task.Run(async () =>
            {
                foreach (var batch in series.Chunk(50))
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
            var doneAtKill = Volatile.Read(ref done);
            var down = await probe.CheckAsync();
            var downtime = Stopwatch.StartNew();
            emulator = await NodeEmulators.StartCosmosAsync(port: port);
            var restartTook = downtime.Elapsed;
            var writerFailure = await Record.ExceptionAsync(() => writer.WaitAsync(TimeSpan.FromSeconds(90)));
            var afterRestart = await probe.CheckAsync();

            output.WriteLine($"killed after {doneAtKill}/40 batches; restart took {restartTook.TotalMilliseconds:0} ms; "
                + $"writer: {(writerFailure is null ? "finished" : $"failed after {Volatile.Read(ref done)}/40 batches: {writerFailure.GetType().Name}: {writerFailure.Message.Split('\n')[0]}")}; "
                + $"probe while down: {Describe(down)}; after the restart: {Describe(afterRestart)}");
            Assert.True(doneAtKill < 40, "the writes finished before the emulator was killed");
            Assert.Equal(StoreHealthProbe.Degraded, down.Status);
            Assert.All(down.Stores, s => Assert.Equal(StoreHealthProbe.Degraded, s.Status));
            Assert.Equal(StoreHealthProbe.Degraded, afterRestart.Status);
            // The bars probe's query finds no container. The records probe's point read says ok here: the wrapper answers any
            // missing document with 404 substatus 0 (its not-found fix), where Cosmos DB answers 404/1003 for a missing
            // container, which the record store does not take for "no such record".
            Assert.Equal(StoreHealthProbe.Degraded, afterRestart.Stores.Single(s => s.Name == "bars").Status);
        }
        finally
        {
            await emulator.DisposeAsync();
        }
    }

    private static string Describe(StoreHealthReport report) =>
        string.Join("; ", report.Stores.Select(s => $"{s.Name} {s.Status} {s.LatencyMs} ms ({s.Error})"));
}
