using BenchmarkDotNet.Attributes;
using MarketIntel.Core.Indicators;
using MarketIntel.Core.Indicators.Momentum;
using MarketIntel.Core.Indicators.Trend;
using MarketIntel.Core.Indicators.Volatility;

namespace MarketIntel.Benchmarks.Indicators;

/// <summary>
/// Batch indicators over the 502-bar reference quotes and a 1,000,000-bar series (divide by <see cref="Bars"/> for
/// ns/bar). The baseline is one pass summing the closes: the memory floor of reading the input.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class IndicatorBatchBenchmarks
{
    private BarSeries _series = null!;

    [Params(502, 1_000_000)]
    public int Bars { get; set; }

    [GlobalSetup]
    public void Setup() => _series = BarSeries.From(BenchmarkBars.Load(Bars));

    [Benchmark(Baseline = true)]
    public double SumCloses()
    {
        var s = 0.0;
        foreach (var c in _series.Close)
        {
            s += c;
        }

        return s;
    }

    [Benchmark]
    public double[] Ema20() => Ema.Compute(_series.Close, 20);

    [Benchmark]
    public double[] Rsi14() => Rsi.Compute(_series.Close, 14);

    [Benchmark]
    public double[][] Macd12269() => Macd.Compute(_series.Close, 12, 26, 9);

    [Benchmark]
    public double[][] Bollinger202() => BollingerBands.Compute(_series.Close, 20, 2);

    [Benchmark]
    public double[][] Atr14() => Atr.Compute(_series.High, _series.Low, _series.Close, 14);

    [Benchmark]
    public double[][] SuperTrend103() => SuperTrend.Compute(_series.High, _series.Low, _series.Close, 10, 3);

    [Benchmark]
    public double[][] Adx14() => Adx.Compute(_series.High, _series.Low, _series.Close, 14);
}
