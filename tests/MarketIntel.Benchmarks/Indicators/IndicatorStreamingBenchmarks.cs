using BenchmarkDotNet.Attributes;
using MarketIntel.Core.Indicators.Momentum;
using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Indicators.Trend;
using MarketIntel.Core.Indicators.Volatility;
using MarketIntel.Core.Market;

namespace MarketIntel.Benchmarks.Indicators;

/// <summary>
/// Streaming updates: each invocation feeds the 502 reference bars 2,000 times over (1,004,000 updates; divide by
/// that for ns/update) into a fresh stream, so the input stays in cache as a live feed's bar would. The baseline
/// reads every bar's close the same way.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class IndicatorStreamingBenchmarks
{
    private Bar[] _bars = [];

    [GlobalSetup]
    public void Setup() => _bars = BenchmarkBars.Load(502);

    public const int Passes = 2_000;

    [Benchmark(Baseline = true)]
    public double ReadBars()
    {
        var s = 0.0;
        for (var p = 0; p < Passes; p++)
        {
            foreach (ref readonly var b in _bars.AsSpan())
            {
                s += b.Close;
            }
        }

        return s;
    }

    [Benchmark]
    public double Ema20() => Feed(new EmaStream(20));

    [Benchmark]
    public double Rsi14() => Feed(new RsiStream(14));

    [Benchmark]
    public double Macd12269() => Feed(new MacdStream(12, 26, 9));

    [Benchmark]
    public double Bollinger202() => Feed(new BollingerStream(20, 2));

    [Benchmark]
    public double Atr14() => Feed(new AtrStream(14));

    [Benchmark]
    public double SuperTrend103() => Feed(new SuperTrendStream(10, 3));

    [Benchmark]
    public double Adx14() => Feed(new AdxStream(14));

    private double Feed(StreamingIndicator stream)
    {
        for (var p = 0; p < Passes; p++)
        {
            foreach (ref readonly var b in _bars.AsSpan())
            {
                stream.Add(b);
            }
        }

        return stream.Output(0);
    }
}
