using System.Globalization;
using BenchmarkDotNet.Attributes;
using MarketIntel.Core.Market;
using MarketIntel.Ingestion.Streaming;
using MarketIntel.Storage.Embedded;

namespace MarketIntel.Benchmarks.Ingestion;

/// <summary>
/// The Event Hub tick path: ticks per second through <see cref="TickBatchProcessor"/> on embedded storage (SQLite file and
/// raw-archive folder in a temporary directory) against the in-memory path on the same JSON messages, the baseline: each
/// message parsed by <see cref="TickMessageFormat"/> and offered to one <see cref="TickAggregator"/>. Each iteration is
/// the next 30,000 ticks of a stream (one tick a millisecond, spread round-robin over the symbols, each symbol's trade
/// ids consecutive as Binance and Coinbase number them), cut into batches of <see cref="BatchSize"/> messages; the state
/// carries on from iteration to iteration as it would in a consumer, so one invocation per iteration.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10, invocationCount: 1)]
public class TickBatchProcessorBenchmarks
{
    private const int TicksPerIteration = 30_000;
    private static readonly DateTime Start = new(2026, 3, 2, 14, 0, 0, DateTimeKind.Utc);
    private readonly Random _random = new(11);
    private string _data = string.Empty;
    private TickBatchProcessor _processor = null!;
    private List<string[]> _batches = [];
    private long _sequence;

    [Params(100, 1_000)]
    public int BatchSize { get; set; }

    [Params(2, 100)]
    public int Symbols { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = Directory.CreateTempSubdirectory("marketintel-ticks-bench-").FullName;
        var database = new EmbeddedDatabase(_data);
        _processor = new TickBatchProcessor(new FileRawArchive(Path.Combine(_data, "raw")), new EmbeddedBarStore(database, TimeProvider.System),
            new EmbeddedRecordStore(database, TimeProvider.System), TimeProvider.System);
        _sequence = 0;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    /// <summary>The next 30,000 messages of the stream, cut into batches.</summary>
    [IterationSetup]
    public void NextTicks()
    {
        _batches = new List<string[]>(TicksPerIteration / BatchSize);
        for (var b = 0; b < TicksPerIteration / BatchSize; b++)
        {
            var batch = new string[BatchSize];
            for (var i = 0; i < BatchSize; i++, _sequence++)
            {
                var symbol = _sequence % Symbols;
                var time = Start.AddMilliseconds(_sequence).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
                var price = (100 + symbol + Math.Round(_random.NextDouble(), 2)).ToString(CultureInfo.InvariantCulture);
                batch[i] = $$"""{"symbol":"S{{symbol:D3}}-USD","price":{{price}},"size":0.{{1 + _random.Next(999):D3}},"time":"{{time}}","tradeId":{{1_000_000 + (_sequence / Symbols)}},"side":"buy"}""";
            }

            _batches.Add(batch);
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = TicksPerIteration)]
    public long ParseAndAggregateInMemory()
    {
        var aggregator = new TickAggregator(new TickAggregatorOptions { Timeframes = [Timeframe.OneMinute], AllowedLateness = TimeSpan.FromSeconds(30) }, NoSink.Instance);
        foreach (var batch in _batches)
        {
            foreach (var message in batch)
            {
                if (TickMessageFormat.TryParse(message, out var tick, out _, out _))
                {
                    aggregator.Offer(tick);
                }
            }
        }

        return aggregator.Counters.Accepted;
    }

    [Benchmark(OperationsPerInvoke = TicksPerIteration)]
    public long TickBatchProcessorOnEmbeddedStorage()
    {
        long accepted = 0;
        foreach (var batch in _batches)
        {
            accepted += _processor.ProcessAsync(batch).GetAwaiter().GetResult().Accepted;
        }

        return accepted;
    }

    private sealed class NoSink : IBarSink
    {
        public static readonly NoSink Instance = new();

        public void OnBarUpdated(in SymbolBar bar)
        {
        }

        public void OnBarClosed(in SymbolBar bar)
        {
        }
    }
}
