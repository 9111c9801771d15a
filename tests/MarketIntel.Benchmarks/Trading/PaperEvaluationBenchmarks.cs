using BenchmarkDotNet.Attributes;
using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using MarketIntel.Pipeline.Trading;
using MarketIntel.Storage.Embedded;
using Microsoft.Extensions.Time.Testing;

namespace MarketIntel.Benchmarks.Trading;

/// <summary>
/// One ingest's worth of paper-trading evaluation: 5,000 symbols get a new closed minute bar, one account holds 1,000
/// working market orders on 1,000 of them, each large enough and capped by participation so that every bar fills part of
/// every order (1,000 fills per evaluation, and the orders keep working). <see cref="EvaluateIngestedOnEmbeddedStorage"/>
/// is the pipeline's step (<see cref="PaperTrading.EvaluateIngestedAsync"/>: the account index, bar reads, the journal
/// entry, the order, position and account projections); the baseline applies the same bars to an in-memory account
/// (<see cref="PaperAccountState"/>, no storage), so the ratio is what persistence costs. Each iteration is one
/// evaluation after its own bars are stored (an iteration setup), so one invocation per iteration.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15, invocationCount: 1)]
public class PaperEvaluationBenchmarks
{
    private const int Symbols = 5_000;
    private const int Orders = 1_000;
    private static readonly DateTime Start = new(2026, 3, 2, 14, 0, 0, DateTimeKind.Utc);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(Start, TimeSpan.Zero));
    private readonly List<string> _universe = [];
    private readonly Random _random = new(7);
    private string _data = string.Empty;
    private EmbeddedDatabase _database = null!;
    private EmbeddedBarStore _bars = null!;
    private PaperTrading _paper = null!;
    private PaperAccountState _inMemory = null!;
    private List<PaperBar> _next = [];
    private DateTime _minute = Start;

    private static PaperAccountSettings Settings => new()
    {
        Name = "Benchmark",
        StartingCash = 1e12,
        CommissionPerFill = 1,
        MaxParticipation = 0.001,
    };

    [GlobalSetup]
    public void Setup()
    {
        _data = Directory.CreateTempSubdirectory("marketintel-paper-bench-").FullName;
        _database = new EmbeddedDatabase(_data);
        _bars = new EmbeddedBarStore(_database, _time);
        var records = new EmbeddedRecordStore(_database, _time);
        _paper = new PaperTrading(records, _bars, _time);
        for (var s = 0; s < Symbols; s++)
        {
            _universe.Add($"S{s:D4}");
        }

        StoreNextBars();
        _paper.OpenAsync("bench", Settings).GetAwaiter().GetResult();
        _inMemory = new PaperAccountState("bench", Settings, Start);
        for (var i = 0; i < Orders; i++)
        {
            var body = new PaperOrderBody($"o{i}", _universe[i * (Symbols / Orders)], "buy", "market", 1e6);
            _paper.SubmitAsync("bench", body).GetAwaiter().GetResult();
            _inMemory.Execute(new PaperSubmitOrder(_time.GetUtcNow().UtcDateTime, body.ToRequest().Request, 100));
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    /// <summary>The next minute's bar for every symbol, stored, with the clock moved past its close.</summary>
    [IterationSetup]
    public void StoreNextBars()
    {
        _minute = _minute.AddMinutes(1);
        _next = new List<PaperBar>(Symbols);
        foreach (var symbol in _universe)
        {
            var open = 100 + (_random.NextDouble() * 10);
            var close = open * (1 + ((_random.NextDouble() - 0.5) * 0.01));
            var bar = new Bar(_minute, open, Math.Max(open, close) + 0.1, Math.Min(open, close) - 0.1, close, 10_000 + _random.Next(1_000_000));
            _bars.UpsertAsync(new Symbol(symbol), Timeframe.OneMinute, [bar], new BarProvenance("bench", "1")).GetAwaiter().GetResult();
            _next.Add(new PaperBar(symbol, bar, false));
        }

        _time.SetUtcNow(new DateTimeOffset(_minute.AddMinutes(1).AddSeconds(1), TimeSpan.Zero));
    }

    [Benchmark(Baseline = true)]
    public int InMemoryAccount() => _inMemory.Execute(new PaperApplyBars(_minute, _next))?.Fills.Count ?? 0;

    [Benchmark]
    public int EvaluateIngestedOnEmbeddedStorage() => _paper.EvaluateIngestedAsync("1m", _universe).GetAwaiter().GetResult();
}
