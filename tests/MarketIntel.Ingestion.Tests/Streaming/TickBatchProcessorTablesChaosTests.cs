using System.Diagnostics;
using System.Globalization;
using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using MarketIntel.Ingestion.Streaming;
using MarketIntel.Storage.Configuration;
using MarketIntel.Storage.Embedded;
using MarketIntel.Storage.Tables;
using MarketIntel.Storage.Tests.Emulators;
using Xunit.Abstractions;

namespace MarketIntel.Ingestion.Tests.Streaming;

/// <summary>
/// Chaos on the tick path: <see cref="TickBatchProcessor"/> over Azure Tables on a persisting Azurite (the product's
/// client, <see cref="StorageClients.CreateTableServiceClient"/>, with its retries), killed by its PID in the middle of
/// the batches and started again on the same port and folder after 15 s, longer than the client's retries. The caller
/// redelivers a batch that failed, as the Event Hubs trigger does (the batch is not checkpointed). Azurite saves its database every few seconds, so writes it
/// acknowledged just before the kill can be gone (Azure Tables keeps what it acknowledged); a consumer restarted from
/// an earlier checkpoint redelivers them, which replaying the whole stream once more stands for. Exactly once must hold
/// across all of it: the stored bars equal one <see cref="TickAggregator"/> run over the trades.
/// </summary>
[Trait("Category", "Emulator")]
public sealed class TickBatchProcessorTablesChaosTests(ITestOutputHelper output) : IDisposable
{
    private const int Symbols = 20;
    private const int BatchSize = 200;
    private const int Batches = 40;
    private static readonly DateTime T0 = new(2024, 3, 4, 9, 0, 10, DateTimeKind.Utc);
    private readonly TestStores local = new();
    private readonly string scratch = Path.Combine(Path.GetTempPath(), "marketintel-tick-chaos-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task AzuriteKilledDuringTickBatches_RedeliveredBatchesFinish_StoredBarsEqualOneAggregatorRun()
    {
        var location = Path.Combine(scratch, "data");
        Directory.CreateDirectory(location);
        var emulator = await NodeEmulators.StartAzuriteTablesAsync(scratch, location);
        var port = emulator.Port;
        try
        {
            var service = StorageClients.CreateTableServiceClient(new StorageSettings { TablesConnectionString = NodeEmulators.AzuriteTablesConnectionString(port) });
            var storage = new TablesStorage(service, "tickchaos", createIfNotExists: true, new FileArtifactStore(Path.Combine(scratch, "artifacts")));
            var bars = new TablesBarStore(storage, TimeProvider.System);
            var processor = new TickBatchProcessor(local.Archive, bars, new TablesRecordStore(storage, TimeProvider.System), TimeProvider.System);
            var prefix = "K" + Guid.NewGuid().ToString("N")[..5].ToUpperInvariant();
            var stream = Enumerable.Range(0, Batches * BatchSize).Select(i => Message(prefix, i)).ToArray();
            var batches = stream.Chunk(BatchSize).ToArray();

            // The first batches, and the tables, saved to disk before the chaos (Azurite killed before its first save
            // loses the tables themselves).
            const int SavedBatches = 5;
            foreach (var batch in batches.Take(SavedBatches))
            {
                await processor.ProcessAsync(batch);
            }

            await AzuritePersistence.WaitForPersistedAsync(location);
            var done = SavedBatches;
            var redeliveries = 0;
            var failures = new List<string>();
            var consumer = Task.Run(async () =>
            {
                foreach (var batch in batches.Skip(SavedBatches))
                {
                    await DeliverUntilProcessedAsync(processor, batch, () => Interlocked.Increment(ref redeliveries), failures);
                    Interlocked.Increment(ref done);
                }
            });
            while (Volatile.Read(ref done) < SavedBatches + 5 && !consumer.IsCompleted)
            {
                await Task.Delay(5);
            }

            await emulator.DisposeAsync();
            var doneAtKill = Volatile.Read(ref done);
            Assert.True(doneAtKill < Batches, "the batches finished before the emulator was killed");
            var downtime = Stopwatch.StartNew();
            // Longer than the client's retries (6 from 200 ms, about 12.6 s): a batch fails and is redelivered.
            await Task.Delay(TimeSpan.FromSeconds(15));
            emulator = await NodeEmulators.StartAzuriteTablesAsync(scratch, location, port);
            var restartTook = downtime.Elapsed;
            await consumer.WaitAsync(TimeSpan.FromSeconds(120));

            var reference = AggregatorReference.Bars(stream);
            var beforeReplay = await MismatchesAsync(bars, reference);
            // What a consumer restarted from its first checkpoint redelivers: every batch again, all duplicates or repairs.
            var replayAccepted = 0;
            foreach (var batch in batches)
            {
                replayAccepted += await DeliverUntilProcessedAsync(processor, batch, () => Interlocked.Increment(ref redeliveries), failures);
            }

            var afterReplay = await MismatchesAsync(bars, reference);
            output.WriteLine($"killed after {doneAtKill}/{Batches} batches; down {restartTook.TotalMilliseconds:0} ms (15 s on purpose + restart); "
                + $"{redeliveries} redeliveries ({string.Join("; ", failures.Distinct().Take(3))}); "
                + $"bars differing from the reference before the replay: {beforeReplay} of {reference.Count}; ticks the replay accepted: {replayAccepted}; after: {afterReplay}");
            Assert.Equal(Batches, Volatile.Read(ref done));
            Assert.True(redeliveries > 0, "no batch outlasted the client's retries: the redelivery path was not exercised");
            Assert.Equal(0, afterReplay);
        }
        finally
        {
            await emulator.DisposeAsync();
        }
    }

    public void Dispose()
    {
        local.Dispose();
        if (Directory.Exists(scratch))
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>The Event Hubs trigger's contract: a batch that threw is delivered again (here after 500 ms), up to a minute.</summary>
    private static async Task<int> DeliverUntilProcessedAsync(TickBatchProcessor processor, string[] batch, Action redelivered, List<string> failures)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return (await processor.ProcessAsync(batch)).Accepted;
            }
            catch (Exception e) when (deadline.Elapsed < TimeSpan.FromSeconds(60))
            {
                lock (failures)
                {
                    failures.Add($"{e.GetType().Name}: {e.Message.Split('\n')[0]}");
                }

                redelivered();
                await Task.Delay(500);
            }
        }
    }

    /// <summary>How many of the reference bars the store does not hold exactly (missing, different), plus bars it holds that the reference lacks.</summary>
    private static async Task<int> MismatchesAsync(IBarStore bars, Dictionary<(string Symbol, DateTime OpenTime), Bar> reference)
    {
        var mismatches = 0;
        foreach (var symbol in reference.Keys.Select(k => k.Symbol).Distinct())
        {
            var page = await bars.ReadAsync(new BarRangeQuery(new Symbol(symbol), Timeframe.OneMinute, T0.AddHours(-1), T0.AddHours(1), BarRangeQuery.MaxPageSize));
            var stored = page.Bars.ToDictionary(b => b.OpenTime);
            var expected = reference.Where(r => r.Key.Symbol == symbol).ToDictionary(r => r.Key.OpenTime, r => r.Value);
            mismatches += expected.Count(e => !stored.TryGetValue(e.Key, out var b) || b != e.Value) + stored.Keys.Count(k => !expected.ContainsKey(k));
        }

        return mismatches;
    }

    /// <summary>Tick i: symbol i mod 20, 10 ms apart (the stream spans 80 s, so bars cross minutes), consecutive ids per symbol.</summary>
    private static string Message(string prefix, int i) => string.Create(CultureInfo.InvariantCulture,
        $$"""{"symbol":"{{prefix}}{{i % Symbols:D3}}","price":{{100 + (i % 13)}},"size":1.5,"time":"{{T0.AddMilliseconds(i * 10):yyyy-MM-dd'T'HH:mm:ss.fff'Z'}}","tradeId":{{9_000 + (i / Symbols)}}}""");
}
