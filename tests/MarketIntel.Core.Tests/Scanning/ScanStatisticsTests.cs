using MarketIntel.Core.Backtesting;
using MarketIntel.Core.Scanning;

namespace MarketIntel.Core.Tests.Scanning;

/// <summary>Intervals against values computed by hand (Python, textbook formulas).</summary>
public sealed class ScanStatisticsTests
{
    [Theory]
    [InlineData(8, 17, 0.2616510644240944, 0.6903676493999558)]
    [InlineData(0, 10, 0.0, 0.2775327998628892)]
    [InlineData(10, 10, 0.7224672001371107, 1.0)]
    public void Wilson_MatchesHandComputedBounds(int hits, int n, double low, double high)
    {
        var ci = ScanStatistics.Wilson(hits, n);
        Assert.Equal(low, ci.Low, 12);
        Assert.Equal(high, ci.High, 12);
    }

    [Fact]
    public void MeanInterval_IsStudentT()
    {
        var ci = ScanStatistics.MeanInterval([1, -1, 2, 0.5]);
        Assert.Equal(-1.3640289408026642, ci.Low, 9);
        Assert.Equal(2.6140289408026645, ci.High, 9);
        Assert.True(double.IsNaN(ScanStatistics.MeanInterval([1]).Low));
        Assert.True(double.IsNaN(ScanStatistics.Wilson(0, 0).High));
    }

    private static TradeSetup Setup(double r, OutcomeExit exit, bool overlapping = false, double entry = 100, TradeSide side = TradeSide.Long)
    {
        var exitPrice = exit == OutcomeExit.Open ? double.NaN : entry + ((side == TradeSide.Long ? 1 : -1) * r * 5);
        var outcome = new SetupOutcome(0.01, 0.02, double.NaN, 0.05, -0.02, exit, 3, exitPrice, exit == OutcomeExit.Open ? double.NaN : r);
        return new TradeSetup("s", "X", DateTime.UnixEpoch, 0, side, entry, entry - 5, entry + 10, 5, 50, [], outcome, overlapping);
    }

    [Fact]
    public void From_CountsOnlyCompletedNonOverlappingSetups()
    {
        TradeSetup[] setups =
        [
            Setup(2, OutcomeExit.Target),
            Setup(-1, OutcomeExit.Stop),
            Setup(0.5, OutcomeExit.Horizon, side: TradeSide.Short),
            Setup(-1, OutcomeExit.Stop),
            Setup(3, OutcomeExit.Target, overlapping: true),
            Setup(double.NaN, OutcomeExit.Open),
        ];
        var s = ScanStatistics.From(setups);
        Assert.Equal(6, s.Setups);
        Assert.Equal(1, s.Overlapping);
        Assert.Equal(1, s.Open);
        Assert.Equal(4, s.Counted);
        Assert.Equal(2, s.Hits);
        Assert.Equal((2, 1, 1), (s.Stops, s.Targets, s.HorizonExits));
        Assert.Equal(0.5, s.HitRate);
        Assert.Equal(0.125, s.AverageR, 12);
        // Returns: +10%, -5%, +2.5% (short), -5%.
        Assert.Equal(0.00625, s.Expectancy, 12);
        Assert.Equal(ScanStatistics.Wilson(2, 4), s.HitRateInterval);
        Assert.Equal(0.01, s.MeanReturn1, 12);
        Assert.True(double.IsNaN(s.MeanReturn20));
    }
}
