using MarketIntel.Core.Performance;
using MarketIntel.Core.Risk;

namespace MarketIntel.Core.Tests.Risk;

public class PathModelTests
{
    private static double[] History()
    {
        var random = new Random(17);
        return Enumerable.Range(0, 300).Select(_ => (random.NextDouble() - 0.45) * 0.05).ToArray();
    }

    [Fact]
    public void StationaryBootstrap_PreservesTheEmpiricalMean()
    {
        var history = History();
        var logMean = history.Average(r => Math.Log(1 + r));
        const int paths = 20_000, horizon = 40;
        var model = new BootstrapModel(history, 8);
        var terminal = new double[paths];
        model.Simulate(1, horizon, 0, terminal, new double[paths], new double[paths]);
        // Paths are independent, so the standard error of their mean step return comes from the paths themselves.
        var perPath = terminal.Select(t => t / horizon).ToArray();
        var se = PerformanceMetrics.StandardDeviation(perPath) / Math.Sqrt(paths);
        Assert.InRange(perPath.Average(), logMean - (4 * se), logMean + (4 * se));
    }

    [Fact]
    public void StationaryBootstrap_RecordsAFingerprintOfItsHistory()
    {
        var history = History();
        var same = new BootstrapModel(history, 8).Parameters["historyFingerprint"][0];
        Assert.Equal(same, new BootstrapModel(history, 3).Parameters["historyFingerprint"][0]);
        history[100] += 1e-9;
        Assert.NotEqual(same, new BootstrapModel(history, 8).Parameters["historyFingerprint"][0]);
    }

    [Fact]
    public void StationaryBootstrap_BlocksHaveGeometricMeanLength()
    {
        var model = new BootstrapModel(History(), 5);
        long continued = 0, steps = 0;
        for (var path = 0; path < 2000; path++)
        {
            var indices = model.Indices(3, path, 50);
            Assert.All(indices, i => Assert.InRange(i, 0, 299));
            for (var t = 1; t < indices.Length; t++)
            {
                continued += indices[t] == (indices[t - 1] + 1) % 300 ? 1 : 0;
                steps++;
            }
        }

        // A step continues the block with probability 1 - 1/L, plus a jump that happens to land on the next index.
        var p = 1 - (1 / 5.0) + (1 / 5.0 / 300);
        var se = Math.Sqrt(p * (1 - p) / steps);
        Assert.InRange((double)continued / steps, p - (4 * se), p + (4 * se));
    }

    [Fact]
    public void Portfolio_WithAllWeightOnOneAsset_HasThatAssetsLognormalMoments()
    {
        const int paths = 40_000, horizon = 10;
        var model = new PortfolioGbmModel([0.001, 0.0], [0.02, 0.05], new double[,] { { 1, 0.5 }, { 0.5, 1 } }, [1, 0]);
        var terminal = new double[paths];
        model.Simulate(9, horizon, 0, terminal, new double[paths], new double[paths]);
        var m = horizon * (Math.Log(1.001) - (0.5 * 0.02 * 0.02));
        var s = 0.02 * Math.Sqrt(horizon);
        Assert.InRange(terminal.Average(), m - (4 * s / Math.Sqrt(paths)), m + (4 * s / Math.Sqrt(paths)));
        Assert.InRange(PerformanceMetrics.StandardDeviation(terminal), s * 0.97, s * 1.03);
    }

    [Fact]
    public void Portfolio_OfPerfectlyAntiCorrelatedAssets_HedgesAlmostAllRisk()
    {
        const int paths = 5000, horizon = 10;
        var hedged = new PortfolioGbmModel([0, 0], [0.02, 0.02], new double[,] { { 1, -1 }, { -1, 1 } }, [0.5, 0.5]);
        var single = new PortfolioGbmModel([0, 0], [0.02, 0.02], new double[,] { { 1, 0 }, { 0, 1 } }, [1, 0]);
        var a = new double[paths];
        var b = new double[paths];
        hedged.Simulate(4, horizon, 0, a, new double[paths], new double[paths]);
        single.Simulate(4, horizon, 0, b, new double[paths], new double[paths]);
        Assert.True(PerformanceMetrics.StandardDeviation(a) < 0.05 * PerformanceMetrics.StandardDeviation(b));
    }
}
