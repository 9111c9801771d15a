using BenchmarkDotNet.Attributes;
using MarketIntel.Core.Market;

namespace MarketIntel.Benchmarks.Market;

/// <summary>
/// Ticks per second through <see cref="TickAggregator"/>: one symbol on one timeframe, and 1,000 symbols on six.
/// Each invocation aggregates a pre-generated, in-order stream into a fresh aggregator; the baseline is a plain loop
/// that only reads every tick (the memory-bandwidth floor of the same data).
/// </summary>
[MemoryDiagnoser]
public class TickAggregatorBenchmarks
{
    private const int TickCount = 1_000_000;
    private Tick[] _single = [];
    private Tick[] _many = [];
    private static readonly Timeframe[] SixFrames = [Timeframe.OneMinute, Timeframe.FiveMinutes, Timeframe.FifteenMinutes, Timeframe.OneHour, Timeframe.FourHours, Timeframe.OneDay];

    [GlobalSetup]
    public void Setup()
    {
        _single = Generate(1);
        _many = Generate(1000);
    }

    private static Tick[] Generate(int symbolCount)
    {
        var symbols = new Symbol[symbolCount];
        for (var i = 0; i < symbolCount; i++)
        {
            symbols[i] = new Symbol("SYM" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture));
        }

        var random = new Random(42);
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
        var ticks = new Tick[TickCount];
        var price = 100.0;
        for (var i = 0; i < TickCount; i++)
        {
            price *= 1 + ((random.NextDouble() - 0.5) * 0.001);
            // ~20 ticks per second overall: a day of data spans many 1m bars and a few 4h/1d bars.
            ticks[i] = new Tick(new DateTime(start + (i * 500_000L), DateTimeKind.Utc), symbols[i % symbolCount], price, 1 + (i % 7), new TradeId(i));
        }

        return ticks;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = TickCount)]
    public double ReadOnlyBaseline()
    {
        var sum = 0.0;
        foreach (ref readonly var t in _single.AsSpan())
        {
            sum += t.Price;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = TickCount)]
    public long OneSymbolOneTimeframe() => Run(_single, [Timeframe.OneMinute]);

    [Benchmark(OperationsPerInvoke = TickCount)]
    public long ThousandSymbolsSixTimeframes() => Run(_many, SixFrames);

    private static long Run(Tick[] ticks, Timeframe[] frames)
    {
        var sink = new CountingSink();
        // A live service bounds duplicate memory with a retention horizon; the set then stops growing (steady state).
        var aggregator = new TickAggregator(new TickAggregatorOptions { Timeframes = frames, AllowedLateness = TimeSpan.FromSeconds(5), DuplicateRetention = TimeSpan.FromHours(1) }, sink);
        foreach (ref readonly var t in ticks.AsSpan())
        {
            aggregator.Offer(t);
        }

        return sink.Closed + aggregator.Counters.Accepted;
    }

    private sealed class CountingSink : IBarSink
    {
        public long Closed;

        public void OnBarUpdated(in SymbolBar bar)
        {
        }

        public void OnBarClosed(in SymbolBar bar) => Closed++;
    }
}
