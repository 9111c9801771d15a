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
    public void FromSamplesOfBatches_SortedIntoHistoryOrder_EqualsFromTheWholeHistory_ToTheLastBit()
    {
        // Values whose sums depend on their order (a scan merged from batches must add them as one scan would).
        var random = new Random(11);
        var history = new List<TradeSetup>();
        for (var i = 0; i < 400; i++)
        {
            var exit = (OutcomeExit)random.Next(4);
            var entry = 10 + (random.NextDouble() * 990);
            var side = random.Next(2) == 0 ? TradeSide.Long : TradeSide.Short;
            var r = exit == OutcomeExit.Open ? double.NaN : (random.NextDouble() * 6) - 2;
            var outcome = new SetupOutcome(random.NextDouble() / 7, random.NextDouble() / 3, i % 5 == 0 ? double.NaN : random.NextDouble() / 11, 0.05, -0.02, exit, 3,
                exit == OutcomeExit.Open ? double.NaN : entry * (1 + (random.NextDouble() / 9)), r);
            history.Add(new TradeSetup("s", "S" + random.Next(30).ToString("D2", System.Globalization.CultureInfo.InvariantCulture), DateTime.UnixEpoch.AddDays(i / 3), i, side, entry,
                entry - 5, entry + 10, 5, 50, [], outcome, random.Next(5) == 0));
        }

        history = history.DistinctBy(h => (h.Time, h.Symbol)).OrderBy(h => h.Time).ThenBy(h => h.Symbol, StringComparer.Ordinal).ToList();
        var batches = history.GroupBy(h => h.Symbol.GetHashCode(StringComparison.Ordinal) % 7).Reverse().ToList();
        var samples = batches.SelectMany(b => b.Where(s => !s.Overlapping).Select(SetupSample.From).Reverse()).ToList();
        samples.Sort(SetupSample.CompareHistoryOrder);

        var merged = ScanStatistics.From(history.Count, samples);

        Assert.Equal(ScanStatistics.From(history), merged);
        Assert.True(merged.Counted > 100 && merged.Overlapping > 20, $"the test needs counted and overlapping setups ({merged})");
        Assert.Throws<ArgumentOutOfRangeException>(() => ScanStatistics.From(samples.Count - 1, samples));
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
