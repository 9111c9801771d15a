using BenchmarkDotNet.Attributes;
using MarketIntel.Core.Indicators;
using MarketIntel.Core.Market;
using MarketIntel.Core.Scanning;
using MarketIntel.Core.Storage;
using MarketIntel.Pipeline.Activities;
using MarketIntel.Pipeline.Engine;
using MarketIntel.Pipeline.ReadModels;
using MarketIntel.Pipeline.Scheduling;
using MarketIntel.Pipeline.Workflows;
using MarketIntel.Storage.Embedded;
using Microsoft.Extensions.Time.Testing;

namespace MarketIntel.Benchmarks.Scanning;

/// <summary>
/// The whole scan path a user starts with <c>POST /api/scans</c>: the scan activities over batches of 25 symbols reading
/// their bars from embedded storage, storing each batch, ranking into the stored run. 5,000 symbols x 252 daily bars.
/// The baseline is the in-memory scanner over the same bars in one call: the ratio is what storage and the fan-out cost.
/// <see cref="ScanThroughStorage"/> runs the batch activities as the local host does, up to its default
/// <c>Pipeline:MaxParallelActivities</c> (max(2, cores), LocalPipeline.cs) at once; <see cref="ScanThroughStorageOneAtATime"/>
/// runs them one after another (one activity worker). <see cref="ReadBarsOnly"/> and <see cref="ScanBatchesOnly"/>
/// break the path down (bar reads alone; reads, scans and stored batch results without the ranking), one batch at a time.
/// </summary>
[MemoryDiagnoser]
public class ScanPipelineBenchmarks
{
    private const int Symbols = 5_000;
    private const int Bars = 252;
    private const int BatchSize = 25;
    private static readonly DateTime Now = new(2025, 1, 2, 0, 0, 0, DateTimeKind.Utc);
    private readonly ScanDefinition _definition = ScheduledRuns.BuiltInScan("ema-cross", null, "1d");
    private string _data = string.Empty;
    private EmbeddedDatabase _database = null!;
    private ScanActivities _activities = null!;
    private readonly List<ScanSeries> _series = [];
    private readonly List<string> _universe = [];
    private List<string[]> _batches = [];
    private int _run;
    private static readonly int LocalHostActivities = Math.Max(2, Environment.ProcessorCount);
    private readonly Timeframe _daily = Timeframe.Parse("1d");
    private EmbeddedBarStore _bars = null!;

    [GlobalSetup]
    public void Setup()
    {
        _data = Directory.CreateTempSubdirectory("marketintel-scan-bench-").FullName;
        _database = new EmbeddedDatabase(_data);
        var bars = _bars = new EmbeddedBarStore(_database, TimeProvider.System);
        var records = new EmbeddedRecordStore(_database, TimeProvider.System);
        var random = new Random(42);
        for (var s = 0; s < Symbols; s++)
        {
            var symbol = $"S{s:D4}";
            var series = new List<Bar>(Bars);
            var price = 20 + (random.NextDouble() * 200);
            for (var i = 0; i < Bars; i++)
            {
                var open = price;
                var close = open * (1 + ((random.NextDouble() - 0.5) * 0.04));
                series.Add(new Bar(Now.AddDays(i - Bars), open, Math.Max(open, close) * 1.005, Math.Min(open, close) * 0.995, close, 10_000 + random.Next(1_000_000)));
                price = close;
            }

            bars.UpsertAsync(new Symbol(symbol), _daily, series, new BarProvenance("bench", "1")).GetAwaiter().GetResult();
            _universe.Add(symbol);
            _series.Add(new ScanSeries(symbol, BarSeries.From(series), _daily));
        }

        _batches = BatchPlanner.Chunk(_universe, BatchSize);
        _activities = new ScanActivities(bars, records, new PipelineSettings(), new FakeTimeProvider(new DateTimeOffset(Now)));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public int InMemoryScanner() => SetupScanner.Run(_definition, _series).History.Count;

    [Benchmark]
    public async Task<long> ReadBarsOnly()
    {
        long n = 0;
        foreach (var batch in _batches)
        {
            // As a scan batch reads them: one store call per batch.
            foreach (var bars in await BarHistory.ReadLastAsync(_bars, [.. batch.Select(s => new Symbol(s))], _daily, Timeframe.OneMinute, new PipelineSettings().ScanBars, Now, CancellationToken.None))
            {
                n += bars.Count;
            }
        }

        return n;
    }

    [Benchmark]
    public async Task<long> ScanBatchesOnly()
    {
        var refs = await ScanBatchesAsync($"scan-benchb{_run++}", 1);
        return refs.Sum(r => r.Items);
    }

    [Benchmark]
    public Task<long> ScanThroughStorageOneAtATime() => ScanThroughStorageAsync(1);

    [Benchmark]
    public Task<long> ScanThroughStorage() => ScanThroughStorageAsync(LocalHostActivities);

    private async Task<long> ScanThroughStorageAsync(int activities)
    {
        var runId = $"scan-bench{_run++}";
        var refs = await ScanBatchesAsync(runId, activities);
        return (await _activities.RankAndStoreAsync(new ScanMergeRequest(runId, refs, ScheduledRuns.AsJson(_definition)), CancellationToken.None)).Items;
    }

    /// <summary>Every batch activity, at most <paramref name="activities"/> at once (the local host's gate), results in batch order.</summary>
    private async Task<BatchResultRef[]> ScanBatchesAsync(string runId, int activities)
    {
        var definition = ScheduledRuns.AsJson(_definition);
        var refs = new BatchResultRef[_batches.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, refs.Length), new ParallelOptions { MaxDegreeOfParallelism = activities }, async (i, ct) =>
            refs[i] = await _activities.ScanBatchAsync(new ScanBatchInput(runId, i, _batches[i], definition), ct));
        return refs;
    }
}
