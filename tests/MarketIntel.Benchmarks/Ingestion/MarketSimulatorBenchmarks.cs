using BenchmarkDotNet.Attributes;
using MarketIntel.Core.Market;
using MarketIntel.Ingestion.Simulation;

namespace MarketIntel.Benchmarks.Ingestion;

/// <summary>
/// One simulated crypto day (1,440 minute bars aggregated from about 9,000 trades, with the regime/GARCH daily chain and
/// the intraday bridge) as minute bars (the baseline) and as its trades. A fresh simulator per call, so no day cache helps.
/// </summary>
[MemoryDiagnoser]
public class MarketSimulatorBenchmarks
{
    private static readonly DateTime Day = new(2024, 3, 4, 0, 0, 0, DateTimeKind.Utc);

    [Benchmark(Baseline = true)]
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
