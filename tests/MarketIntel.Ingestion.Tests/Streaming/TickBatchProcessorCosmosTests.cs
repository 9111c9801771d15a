using System.Globalization;
using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using MarketIntel.Ingestion.Providers;
using MarketIntel.Ingestion.Streaming;
using MarketIntel.Storage.Cosmos;
using MarketIntel.Storage.Tests.Emulators;
using Xunit.Abstractions;

namespace MarketIntel.Ingestion.Tests.Streaming;

/// <summary>
/// The tick path on Cosmos DB (cosmosdb-server, through the ports' default batch methods): batches of 1,000 messages
/// over 100 symbols store the bars of one <see cref="TickAggregator"/> run, and the requests each batch costs are
/// counted from the store's own metering (<see cref="CosmosStorage.Charges"/>).
/// </summary>
[Trait("Category", "Emulator")]
public sealed class TickBatchProcessorCosmosTests(CosmosEmulatorFixture cosmos, ITestOutputHelper output) : IClassFixture<CosmosEmulatorFixture>, IDisposable
{
    private const int Symbols = 100;
    private const int BatchSize = 1_000;
    private static readonly DateTime T0 = new(2024, 3, 4, 9, 0, 10, DateTimeKind.Utc);
    private readonly TestStores _local = new();

    public void Dispose() => _local.Dispose();

    [Fact]
    public async Task BatchesOfAThousandTicksOverAHundredSymbols_StoreTheAggregatorsBars_WithOneRequestPerStateWatermarkAndBar()
    {
        var storage = new CosmosStorage(cosmos.Client, cosmos.DatabaseName, createIfNotExists: false);
        var bars = new CosmosBarStore(storage, TimeProvider.System);
        var records = new CosmosRecordStore(storage, TimeProvider.System);
        var processor = new TickBatchProcessor(_local.Archive, bars, records, TimeProvider.System);
        var coldConsumer = new TickBatchProcessor(_local.Archive, bars, records, TimeProvider.System);
        var prefix = "C" + Guid.NewGuid().ToString("N")[..5].ToUpperInvariant();
        var stream = Enumerable.Range(0, 3 * BatchSize).Select(i => Message(prefix, i)).ToArray();
        var batches = stream.Chunk(BatchSize).ToArray();

        // What each processor has written itself (its state cache) decides what it must read back; the stored watermarks
        // (one per symbol, shared) are written when a symbol's newest tick enters a later minute than the stored one.
        var known = new Dictionary<TickBatchProcessor, (HashSet<(string, DateTime)> Bars, HashSet<string> Symbols)>
        {
            [processor] = ([], []),
            [coldConsumer] = ([], []),
        };
        var storedWatermarks = new Dictionary<string, DateTime>();
        var steps = new[]
        {
            ("first batch (creates)", processor, batches[0]), ("next batch", processor, batches[1]), ("next batch", processor, batches[2]),
            ("redelivery", processor, batches[2]), ("redelivery to a cold consumer", coldConsumer, batches[2]),
        };
        foreach (var (step, consumer, batch) in steps)
        {
            storage.Charges.Reset();
            var result = await consumer.ProcessAsync(batch);
            var charges = storage.Charges.Snapshot();
            var redelivery = step.StartsWith("redelivery", StringComparison.Ordinal);
            Assert.Equal(redelivery ? (0, BatchSize) : (BatchSize, 0), (result.Accepted, result.Count(RejectReasons.Duplicate)));

            var touched = batch.Select(Key).Select(k => (k.Symbol, k.OpenTime)).ToHashSet();
            var symbols = touched.Select(k => k.Symbol).ToHashSet();
            var (knownBars, knownSymbols) = known[consumer];
            output.WriteLine($"{step}: {touched.Count} bars touched, {result.BarsWritten} written; " + string.Join(", ", charges.Select(c => $"{c.Operation} {c.Count}")) + $"; total {charges.Sum(c => c.Count)} requests");
            long Count(string operation) => charges.Where(c => c.Operation == operation).Sum(c => c.Count);
            // A state or watermark this processor wrote is not read back; the rest, one read each. Then one state write per
            // bar that gained ticks, one watermark write per symbol whose newest tick moved, and one upsert per bar written:
            // a redelivery re-writes the bars only where their states were read (a crash between the state and the bar
            // write is repaired by a consumer that did not write them).
            Assert.Equal(touched.Count(k => !knownBars.Contains(k)) + symbols.Count(s => !knownSymbols.Contains(s)), Count("record.read"));
            var expectedBars = redelivery ? touched.Count(k => !knownBars.Contains(k)) : touched.Count;
            Assert.Equal((expectedBars, expectedBars), (result.BarsWritten, (int)Count("bar.upsert")));
            var watermarkWrites = 0;
            var newestBySymbol = redelivery ? [] : batch.Select(Key).GroupBy(k => k.Symbol, k => k.Time).Select(g => (Symbol: g.Key, Newest: g.Max())).ToList();
            foreach (var (symbol, newest) in newestBySymbol)
            {
                if (!storedWatermarks.TryGetValue(symbol, out var stored) || Timeframe.OneMinute.BucketStart(newest) > Timeframe.OneMinute.BucketStart(stored))
                {
                    storedWatermarks[symbol] = newest;
                    watermarkWrites++;
                }
            }

            Assert.Equal(redelivery ? 0 : touched.Count + watermarkWrites, Count("record.create") + Count("record.replace"));
            knownBars.UnionWith(touched);
            knownSymbols.UnionWith(symbols);
        }

        var reference = AggregatorReference.Bars(stream);
        foreach (var symbol in reference.Keys.Select(k => k.Symbol).Distinct())
        {
            var page = await bars.ReadAsync(new BarRangeQuery(new Symbol(symbol), Timeframe.OneMinute, T0.AddHours(-1), T0.AddHours(1), BarRangeQuery.MaxPageSize));
            Assert.Equal(reference.Where(r => r.Key.Symbol == symbol).OrderBy(r => r.Key.OpenTime).Select(r => r.Value), page.Bars);
        }
    }

    private static (string Symbol, DateTime OpenTime, DateTime Time) Key(string message)
    {
        Assert.True(TickMessageFormat.TryParse(message, out var tick, out _, out _));
        return (tick.Symbol.Value, Timeframe.OneMinute.BucketStart(tick.Timestamp), tick.Timestamp);
    }

    /// <summary>Tick i: symbol i mod 100, 20 ms apart (a batch spans 20 s, so some cross a minute), consecutive ids per symbol.</summary>
    private static string Message(string prefix, int i) => string.Create(CultureInfo.InvariantCulture,
        $$"""{"symbol":"{{prefix}}{{i % Symbols:D3}}","price":{{100 + (i % 13)}},"size":1.5,"time":"{{T0.AddMilliseconds(i * 20):yyyy-MM-dd'T'HH:mm:ss.fff'Z'}}","tradeId":{{9_000 + (i / Symbols)}}}""");
}
