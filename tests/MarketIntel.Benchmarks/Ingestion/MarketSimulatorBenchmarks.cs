using BenchmarkDotNet.Attributes;
using MarketIntel.Core.Market;
using MarketIntel.Ingestion.Simulation;

namespace MarketIntel.Benchmarks.Ingestion;

/// <summary>
/// One simulated crypto day (1,440 minute bars aggregated from about 9,000 trades, with the regime/GARCH daily chain and
/// the intraday bridge) against the baseline of the foundation's plain random-walk tick stream producing a similar
/// number of ticks. A fresh simulator per call, so no day cache helps.
/// </summary>
[MemoryDiagnoser]
public class MarketSimulatorBenchmarks
{
    private static readonly DateTime Day = new(2024, 3, 4, 0, 0, 0, DateTimeKind.Utc);
    private static readonly Symbol[] Symbols = [new("BTC-USD")];

    [Benchmark(Baseline = true)]
    public int SyntheticTickStreamDay() =>
        SyntheticTickStream.Generate(new SyntheticTickStreamOptions { Symbols = Symbols, Start = Day, Duration = TimeSpan.FromDays(1), TradesPerSecond = 0.1 }).Count;

    [Benchmark]
    public int SimulatorDayOfMinuteBars()
    {
        var simulator = new MarketSimulator(new MarketSimulatorOptions { Origin = DateOnly.FromDateTime(Day) });
        return simulator.Bars(MarketSimulator.Resolve("BTC-USD"), Timeframe.OneMinute, Day, Day.AddDays(1)).Count;
    }

    [Benchmark]
    public int SimulatorDayOfTicks()
    {
        var simulator = new MarketSimulator(new MarketSimulatorOptions { Origin = DateOnly.FromDateTime(Day) });
        return simulator.Ticks(MarketSimulator.Resolve("BTC-USD"), Day, Day.AddDays(1)).Count;
    }
}
