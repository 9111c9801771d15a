using MarketIntel.Core.Market.Csv;
using MarketIntel.Core.Performance;

namespace MarketIntel.Core.Tests.Performance;

public class PerformanceSummaryTests
{
    [Fact]
    public void HandComputedSeries_GivesEveryStatistic()
    {
        // Equity 1, 1.1, 0.88, 0.924, 1.0164: drawdown 0.2 from the peak at index 1, unrecovered at the end: 3 steps.
        double[] r = [0.1, -0.2, 0.05, 0.1];
        var s = PerformanceSummary.Compute(r, periodsPerYear: 4);
        Assert.Equal(4, s.Periods);
        Assert.Equal((1.1 * 0.8 * 1.05 * 1.1) - 1, s.TotalReturn, 12);
        Assert.Equal(s.TotalReturn, s.AnnualizedReturn, 12);
        Assert.Equal(0.2, s.MaxDrawdown, 12);
        Assert.Equal(3, s.MaxDrawdownDuration);
        Assert.Equal(s.AnnualizedReturn / 0.2, s.Calmar, 12);
        // mean 0.0125, deviations (0.0875, -0.2125, 0.0375, 0.0875), squares sum 0.06187500, / 3.
        Assert.Equal(Math.Sqrt(0.061875 / 3) * 2, s.Volatility, 12);
        Assert.Equal(0.0125 / Math.Sqrt(0.061875 / 3) * 2, s.Sharpe, 12);
        Assert.Equal(0.0125 / Math.Sqrt(0.04 / 4) * 2, s.Sortino, 12);
    }

    [Fact]
    public void RealDailyBars_HaveSensibleStatistics()
    {
        var closes = QuoteCsvReader.ReadFile(MarketIntel.Core.Tests.Indicators.ReferenceData.QuotePath("default.csv")).Bars.Select(b => b.Close).ToArray();
        var s = PerformanceSummary.Compute(Returns.Simple(closes));
        Assert.Equal(closes[^1] / closes[0] - 1, s.TotalReturn, 9);
        Assert.InRange(s.Volatility, 0.05, 0.5);
        Assert.InRange(s.MaxDrawdown, 0.01, 0.6);
    }
}
