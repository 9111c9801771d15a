using MarketIntel.Core.Backtesting;
using MarketIntel.Core.Indicators;
using MarketIntel.Core.Market;
using MarketIntel.Core.Scanning;

namespace MarketIntel.Core.Tests.Scanning;

public sealed class OutcomeTrackerTests
{
    private static BarSeries Bars(params (double O, double H, double L, double C)[] ohlc) =>
        BarSeries.From(ohlc.Select((b, i) => new Bar(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(i), b.O, b.H, b.L, b.C, 100)).ToList());

    // Signal at bar 0, entry 100, stop 95, target 110 (2R): bars chosen so each case resolves as named.
    [Fact]
    public void TargetFirst_ExitsAtTheTargetNeverBetter()
    {
        var b = Bars((100, 100, 100, 100), (100, 104, 99, 103), (103, 112, 102, 111), (111, 120, 110, 119));
        var o = OutcomeTracker.Track(b, 0, TradeSide.Long, 100, 95, 110, 20);
        Assert.Equal(OutcomeExit.Target, o.Exit);
        Assert.Equal(2, o.ExitBars);
        Assert.Equal(110, o.ExitPrice);
        Assert.Equal(2, o.R, 12);
        Assert.Equal(0.12, o.MaxFavorable, 12);
        Assert.Equal(-0.01, o.MaxAdverse, 12);
        Assert.Equal(0.03, o.Return1, 12);
        Assert.True(double.IsNaN(o.Return5));
    }

    [Fact]
    public void StopAndTargetInOneBar_AssumesTheStop()
    {
        var b = Bars((100, 100, 100, 100), (100, 111, 94, 105));
        var o = OutcomeTracker.Track(b, 0, TradeSide.Long, 100, 95, 110, 20);
        Assert.Equal(OutcomeExit.Stop, o.Exit);
        Assert.Equal(95, o.ExitPrice);
        Assert.Equal(-1, o.R, 12);
    }

    [Fact]
    public void GapThroughTheStop_ExitsAtTheOpen()
    {
        var b = Bars((100, 100, 100, 100), (90, 92, 88, 91));
        var o = OutcomeTracker.Track(b, 0, TradeSide.Long, 100, 95, 110, 20);
        Assert.Equal(OutcomeExit.Stop, o.Exit);
        Assert.Equal(90, o.ExitPrice);
        Assert.Equal(-2, o.R, 12);
    }

    [Fact]
    public void NeitherWithinTheHorizon_ExitsAtTheHorizonClose_AndTooFewBarsStaysOpen()
    {
        var b = Bars((100, 100, 100, 100), (100, 101, 99, 100.5), (100.5, 102, 99.5, 101), (101, 103, 100, 102));
        var o = OutcomeTracker.Track(b, 0, TradeSide.Long, 100, 95, 110, 2);
        Assert.Equal(OutcomeExit.Horizon, o.Exit);
        Assert.Equal(101, o.ExitPrice);
        Assert.Equal(0.2, o.R, 12);
        Assert.Equal(0.02, o.MaxFavorable, 12);

        var open = OutcomeTracker.Track(b, 0, TradeSide.Long, 100, 95, 110, 5);
        Assert.Equal(OutcomeExit.Open, open.Exit);
        Assert.False(open.Complete);
        Assert.True(double.IsNaN(open.R));
        Assert.Equal(0.03, open.MaxFavorable, 12);
    }

    [Fact]
    public void Short_MirrorsEverything()
    {
        // Short from 100, stop 105, target 90.
        var b = Bars((100, 100, 100, 100), (100, 101, 96, 97), (97, 98, 89, 90));
        var o = OutcomeTracker.Track(b, 0, TradeSide.Short, 100, 105, 90, 20);
        Assert.Equal(OutcomeExit.Target, o.Exit);
        Assert.Equal(90, o.ExitPrice);
        Assert.Equal(2, o.R, 12);
        Assert.Equal(0.03, o.Return1, 12);
        Assert.Equal(0.11, o.MaxFavorable, 12);
        Assert.Equal(-0.01, o.MaxAdverse, 12);

        var gap = OutcomeTracker.Track(Bars((100, 100, 100, 100), (108, 109, 107, 108)), 0, TradeSide.Short, 100, 105, 90, 20);
        Assert.Equal(108, gap.ExitPrice);
        Assert.Equal(-1.6, gap.R, 12);
    }
}
