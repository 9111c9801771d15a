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
/// carries on from iteration to iteration as it would in a consumer, so one invocation per iteration. The warm-up is
/// <see cref="WarmupIterations"/> long because tiered compilation takes about ten iterations (1.5–2 s of stream) to
/// promote the hot methods of both paths: measured from the third iteration, as before, the figures were those of
/// partly unoptimized code, the baseline's included (<c>MARKETINTEL_EACH_ITERATION=1</c> on the tick driver shows it).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: WarmupIterations, iterationCount: 15, invocationCount: 1)]
public class TickBatchProcessorBenchmarks
{
    public const int TicksPerIteration = 30_000;

    /// <summary>Iterations run before measuring: enough for tiered compilation to settle (about ten).</summary>
    public const int WarmupIterations = 15;
    private SyntheticTickStream _stream = null!;
    private string _data = string.Empty;
    private TickBatchProcessor _processor = null!;
    private List<string[]> _batches = [];

    [Params(100, 1_000)]
    public int BatchSize { get; set; }

    [Params(2, 100)]
    public int Symbols { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = Directory.CreateTempSubdirectory("marketintel-ticks-bench-").FullName;
        _processor = EmbeddedProcessor(_data);
        _stream = new SyntheticTickStream(Symbols);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    /// <summary>The next 30,000 messages of the stream, cut into batches.</summary>
    [IterationSetup]
    public void NextTicks() => _batches = _stream.NextBatches(TicksPerIteration, BatchSize);

    [Benchmark(Baseline = true, OperationsPerInvoke = TicksPerIteration)]
    public long ParseAndAggregateInMemory() => AggregateInMemory(_batches);

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

    /// <summary>The processor as the local host composes it on embedded storage under <paramref name="data"/>.</summary>
    public static TickBatchProcessor EmbeddedProcessor(string data)
    {
        var database = new EmbeddedDatabase(data);
        return new TickBatchProcessor(new FileRawArchive(Path.Combine(data, "raw")), new EmbeddedBarStore(database, TimeProvider.System),
            new EmbeddedRecordStore(database, TimeProvider.System), TimeProvider.System);
    }

    /// <summary>The in-memory reference: every message parsed and offered to one aggregator; returns the ticks accepted.</summary>
    public static long AggregateInMemory(List<string[]> batches)
    {
        var aggregator = new TickAggregator(new TickAggregatorOptions { Timeframes = [Timeframe.OneMinute], AllowedLateness = TimeSpan.FromSeconds(30) }, NoSink.Instance);
        foreach (var batch in batches)
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
