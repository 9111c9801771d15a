using BenchmarkDotNet.Attributes;
using MarketIntel.Core.Indicators;
using MarketIntel.Core.Indicators.Momentum;
using MarketIntel.Core.Indicators.Trend;
using MarketIntel.Core.Market;
using MarketIntel.Core.Scanning;

namespace MarketIntel.Benchmarks.Scanning;

/// <summary>
/// A three-indicator rule over 5,000 symbols x 252 daily bars (one year), every bar evaluated. The baseline computes
/// the same three indicators and the same condition with direct calls and a hand-written loop, single-threaded: the
/// ratio is the language's overhead (parsing once, column kernels, caches) and the gain from parallel symbols.
/// </summary>
[MemoryDiagnoser]
public class ScanBenchmarks
{
    private const int Symbols = 5_000;
    private const int Bars = 252;
    private const string Rule = "rsi(14) < 45 and close > sma(50) and macd(12,26,9).histogram > 0";
    private BarSeries[] _series = [];
    private ScanProgram _rule = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _series = new BarSeries[Symbols];
        for (var s = 0; s < Symbols; s++)
        {
            var bars = new Bar[Bars];
            var price = 20 + (random.NextDouble() * 200);
            var t = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            for (var i = 0; i < Bars; i++)
            {
                var open = price;
                var close = open * (1 + ((random.NextDouble() - 0.5) * 0.04));
                bars[i] = new Bar(t.AddDays(i), open, Math.Max(open, close) * 1.005, Math.Min(open, close) * 0.995, close, 10_000 + random.Next(1_000_000));
                price = close;
            }

            _series[s] = BarSeries.From(bars);
        }

        _rule = ScanProgram.Condition(Rule);
    }

    [Benchmark(Baseline = true)]
    public int HandWrittenSingleThread()
    {
        var hits = 0;
        foreach (var s in _series)
        {
            var rsi = Rsi.Compute(s.Close, 14);
            var sma = Sma.Compute(s.Close, 50);
            var histogram = Macd.Compute(s.Close, 12, 26, 9)[2];
            for (var i = 0; i < s.Count; i++)
            {
                hits += rsi[i] < 45 && s.Close[i] > sma[i] && histogram[i] > 0 ? 1 : 0;
            }
        }

        return hits;
    }

    [Benchmark]
    public int ScanSingleThread() => Scan(1);

    [Benchmark]
    public int ScanParallel() => Scan(Environment.ProcessorCount);

    [Benchmark]
    public int ParseCompileAndScanParallel()
    {
        _rule = ScanProgram.Condition(Rule);
        return Scan(Environment.ProcessorCount);
    }

    private int Scan(int degree)
    {
        var universe = new ScanSeries[_series.Length];
        for (var i = 0; i < universe.Length; i++)
        {
            universe[i] = new ScanSeries("S" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), _series[i], Timeframe.OneDay);
        }

        return Scanner.Scan(universe, _rule, [], new ScanOptions { EveryBar = true, MaxDegreeOfParallelism = degree }).Count;
    }
}
