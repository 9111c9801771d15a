using MarketIntel.Core.Market;
using MarketIntel.Ingestion.Simulation;
using MarketIntel.Pipeline.ReadModels;

namespace MarketIntel.Pipeline.Tests.Activities;

public sealed class IndicatorSnapshotTests
{
    private static readonly DateTime Now = new(2025, 3, 6, 15, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("BTC-USD")]
    [InlineData("AAPL")]
    public void Snapshot_MatchesBruteForceRecomputations(string symbol)
    {
        var bars = new MarketSimulator().Bars(MarketSimulator.Resolve(symbol), Timeframe.OneMinute, Now.AddDays(-3), Now);

        var s = IndicatorSnapshot.Compute(symbol, Timeframe.OneMinute, bars);

        var last = bars[^1];
        var dayAgo = bars.First(b => b.OpenTime >= last.OpenTime.AddDays(-1));
        Assert.Equal(last.Close / dayAgo.Close - 1, s.Change, 12);
        Assert.Equal((double)last.Volume / bars.SkipLast(1).TakeLast(20).Average(b => (double)b.Volume), s.RelativeVolume!.Value, 9);
        Assert.Equal(100 * (last.Close / bars[^11].Close - 1), s.Roc10!.Value, 9);
        var (fast, slow) = (Ema(bars, 20), Ema(bars, 50));
        Assert.Equal(fast > slow * 1.0005 ? "up" : fast < slow * 0.9995 ? "down" : "flat", s.Trend);
        Assert.InRange(s.Rsi14!.Value, 0, 100);
        Assert.Equal(last.Close, s.Close);
        Assert.Equal(bars.Count, s.Bars);
    }

    [Fact]
    public void Snapshot_OfAShortHistory_LeavesWarmingIndicatorsNull()
    {
        var bars = new MarketSimulator().Bars(MarketSimulator.Resolve("ETH-USD"), Timeframe.OneMinute, Now.AddMinutes(-10), Now);

        var s = IndicatorSnapshot.Compute("ETH-USD", Timeframe.OneMinute, bars);

        Assert.Null(s.Rsi14);
        Assert.Null(s.RelativeVolume);
        Assert.Equal("unknown", s.Trend);
        Assert.Equal(bars[^1].Close / bars[0].Close - 1, s.Change, 12);
    }

    /// <summary>EMA seeded with the SMA of the first period closes (the catalog's documented seed).</summary>
    private static double Ema(List<Bar> bars, int period)
    {
        var ema = bars.Take(period).Average(b => b.Close);
        var k = 2.0 / (period + 1);
        foreach (var b in bars.Skip(period))
        {
            ema += k * (b.Close - ema);
        }

        return ema;
    }
}
