using BenchmarkDotNet.Attributes;
using MarketIntel.Core.Risk;

namespace MarketIntel.Benchmarks.Risk;

/// <summary>
/// Single-asset GBM path generation, quoted per path-step (OperationsPerInvoke = paths x horizon): the plain scalar
/// implementation (Math.Log/SinCos Box-Muller, one path at a time) is the baseline; the vectorized kernel runs on one
/// thread and on all cores (Parallel.For over batches of paths, which gives identical results).
/// </summary>
public class GbmPathBenchmarks
{
    private const int Paths = 16_384;
    private const int Horizon = 252;
    private const int Batches = 16;
    private const double Drift = 0.0003 - (0.5 * 0.012 * 0.012);
    private readonly double[] _terminal = new double[Paths];
    private readonly double[] _worst = new double[Paths];
    private readonly double[] _squares = new double[Paths];
    private readonly MonteCarloEngine _engine = new(new GbmModel(0.0003, 0.012), new MonteCarloSpec { Horizon = Horizon, Paths = Paths, Seed = 42 });

    [Benchmark(Baseline = true, OperationsPerInvoke = Paths * Horizon)]
    public double ScalarBaseline()
    {
        GbmScalarReference.Simulate(42, Drift, 0.012, Horizon, 0, _terminal, _worst, _squares);
        return _terminal[^1];
    }

    [Benchmark(OperationsPerInvoke = Paths * Horizon)]
    public double VectorizedOneThread()
    {
        GbmModel.Kernel(42, Drift, 0.012, Horizon, 0, _terminal, _worst, _squares);
        return _terminal[^1];
    }

    [Benchmark(OperationsPerInvoke = Paths * Horizon)]
    public double VectorizedAllCores()
    {
        const int size = Paths / Batches;
        Parallel.For(0, Batches, b =>
        {
            var start = b * size;
            GbmModel.Kernel(42, Drift, 0.012, Horizon, start, _terminal.AsSpan(start, size), _worst.AsSpan(start, size), _squares.AsSpan(start, size));
        });
        return _terminal[^1];
    }

    /// <summary>The whole pipeline: paths, per-path statistics, exact batch summaries, merge and report.</summary>
    [Benchmark(OperationsPerInvoke = Paths * Horizon)]
    public double EngineReportAllCores() => _engine.Run(batches: 4).Tail[0].ValueAtRisk;
}
