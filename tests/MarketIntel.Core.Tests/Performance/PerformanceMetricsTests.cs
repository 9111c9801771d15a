using MarketIntel.Core.Performance;

namespace MarketIntel.Core.Tests.Performance;

public class PerformanceMetricsTests
{
    private static readonly double[] R = [0.01, -0.02, 0.03, 0.0];

    [Fact]
    public void SimpleAndLogReturns_AreTheHandComputedValues()
    {
        AssertSeries.Close([0.1, -0.1], Returns.Simple([100.0, 110, 99]));
        AssertSeries.Close([Math.Log(1.1), Math.Log(0.9)], Returns.Log([100.0, 110, 99]));
        Assert.Throws<ArgumentException>(() => Returns.Simple([100.0]));
    }

    [Fact]
    public void Volatility_IsSampleDeviationTimesRootOfAnnualizationFactor()
    {
        // mean 0.005; squared deviations sum to 0.0013; / 3; sqrt; * sqrt(252).
        Assert.Equal(0.3304542328371662, PerformanceMetrics.Volatility(R), 12);
        Assert.Equal(Math.Sqrt(0.0013 / 3), PerformanceMetrics.Volatility(R, 1), 14);
    }

    [Fact]
    public void SharpeAndSortino_AreTheHandComputedValues()
    {
        Assert.Equal(3.812933455813454, PerformanceMetrics.Sharpe(R), 12);
        // Downside deviation: only -0.02 is below 0, sqrt(0.0004 / 4) = 0.01.
        Assert.Equal(7.937253933193772, PerformanceMetrics.Sortino(R), 12);
        // A risk-free rate shifts the mean but not the deviation.
        Assert.Equal((0.005 - 0.001) / Math.Sqrt(0.0013 / 3), PerformanceMetrics.Sharpe(R, 0.001, 1), 12);
        Assert.True(double.IsNaN(PerformanceMetrics.Sharpe([0.01, 0.01, 0.01])));
    }

    [Fact]
    public void Calmar_IsAnnualizedReturnOverMaxDrawdown()
    {
        // Equity 1, 1.1, 0.88, 0.924: drawdown 0.2; with 3 periods a year the annual return is -0.076.
        Assert.Equal(-0.076 / 0.2, PerformanceMetrics.Calmar([0.1, -0.2, 0.05], 3), 12);
        Assert.Equal(Math.Pow(1.1 * 0.8 * 1.05, 252.0 / 3) - 1, PerformanceMetrics.AnnualizedReturn([0.1, -0.2, 0.05]), 9);
    }

    [Fact]
    public void BetaAndCorrelation_OfLinearlyRelatedSeries()
    {
        double[] b = [0.01, -0.01, 0.02, 0.0];
        var r = b.Select(x => (2 * x) + 0.001).ToArray();
        Assert.Equal(2, PerformanceMetrics.Beta(r, b), 12);
        Assert.Equal(1, PerformanceMetrics.Correlation(r, b), 12);
        Assert.Equal(-1, PerformanceMetrics.Correlation(b.Select(x => -x).ToArray(), b), 12);
        // dx = (-1.5, -0.5, 0.5, 1.5), dy = (-0.5, -1.5, 1.5, 0.5): 3 / sqrt(5 * 5).
        Assert.Equal(0.6, PerformanceMetrics.Correlation([1.0, 2, 3, 4], [2.0, 1, 4, 3]), 12);
        Assert.Throws<ArgumentException>(() => PerformanceMetrics.Beta([0.1, 0.2], [0.1]));
    }
}
