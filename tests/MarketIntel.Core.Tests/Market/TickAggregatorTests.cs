using MarketIntel.Core.Market;

namespace MarketIntel.Core.Tests.Market;

public sealed class TickAggregatorTests
{
    private static readonly DateTime T0 = new(2024, 3, 9, 23, 50, 0, DateTimeKind.Utc);
    private static readonly Symbol Btc = new("BTC-USD");
    private static readonly Symbol Eth = new("ETH-USD");

    private static Tick At(double seconds, double price, decimal size = 1, long id = -1, Symbol? symbol = null) =>
        new(T0.AddSeconds(seconds), symbol ?? Btc, price, size, new TradeId(id >= 0 ? id : (long)(seconds * 1000) + 1_000_000));

    private static (TickAggregator Aggregator, RecordingSink Sink) Create(TimeSpan lateness, params Timeframe[] frames)
    {
        var sink = new RecordingSink();
        var frameList = frames.Length == 0 ? [Timeframe.OneMinute] : frames;
        return (new TickAggregator(new TickAggregatorOptions { Timeframes = frameList, AllowedLateness = lateness }, sink), sink);
    }

    [Fact]
    public void SingleMinute_BuildsOhlcvFromAcceptedTicks()
    {
        var (agg, sink) = Create(TimeSpan.Zero);
        agg.Offer(At(1, 100, 2));
        agg.Offer(At(10, 105, 1.5m));
        agg.Offer(At(20, 95, 0.25m));
        agg.Offer(At(59.999, 101, 1));
        agg.Flush();
        var bar = Assert.Single(sink.Closed).Bar;
        Assert.Equal(new Bar(T0, 100, 105, 95, 101, 4.75m, 4), bar);
    }

    [Fact]
    public void OpenAndClose_FollowTimestampNotArrival()
    {
        var (agg, sink) = Create(TimeSpan.FromSeconds(30));
        agg.Offer(At(30, 103));
        agg.Offer(At(10, 101)); // earlier timestamp, later arrival: becomes the open
        agg.Offer(At(50, 104));
        agg.Offer(At(40, 102)); // earlier than the close: does not become the close
        agg.Flush();
        var bar = Assert.Single(sink.Closed).Bar;
        Assert.Equal(101, bar.Open);
        Assert.Equal(104, bar.Close);
    }

    [Fact]
    public void EqualTimestamps_OpenIsFirstArrivalCloseIsLastArrival()
    {
        var (agg, sink) = Create(TimeSpan.Zero);
        agg.Offer(At(5, 100, id: 1));
        agg.Offer(At(5, 101, id: 2));
        agg.Offer(At(5, 99, id: 3));
        agg.Flush();
        var bar = Assert.Single(sink.Closed).Bar;
        Assert.Equal(100, bar.Open);
        Assert.Equal(99, bar.Close);
        Assert.Equal(3, bar.Trades);
    }

    [Theory]
    [InlineData(0.0, 1)]
    [InlineData(-1.0, 1)]
    [InlineData(double.NaN, 1)]
    [InlineData(double.PositiveInfinity, 1)]
    [InlineData(100.0, -0.5)]
    public void InvalidPriceOrSize_IsRejectedAsInvalid(double price, double size)
    {
        var (agg, sink) = Create(TimeSpan.Zero);
        Assert.Equal(TickVerdict.Invalid, agg.Offer(At(1, price, (decimal)size)));
        agg.Flush();
        Assert.Empty(sink.Closed);
        Assert.Equal(new TickAggregatorCounters(0, 1, 0, 0, 0), agg.Counters);
    }

    [Fact]
    public void ZeroSize_IsAccepted()
    {
        var (agg, _) = Create(TimeSpan.Zero);
        Assert.Equal(TickVerdict.Accepted, agg.Offer(At(1, 100, 0)));
    }

    [Fact]
    public void InvalidTick_DoesNotMoveTheWatermark()
    {
        var (agg, _) = Create(TimeSpan.Zero);
        agg.Offer(At(1, 100));
        agg.Offer(new Tick(T0.AddMinutes(10), Btc, double.NaN, 1, new TradeId(77)));
        Assert.Equal(T0.AddSeconds(1), agg.WatermarkOf(Btc));
        Assert.Equal(TickVerdict.Accepted, agg.Offer(At(2, 100)));
    }

    [Fact]
    public void SameTradeIdTwice_SecondIsDuplicateAndNotCounted()
    {
        var (agg, sink) = Create(TimeSpan.FromMinutes(5));
        Assert.Equal(TickVerdict.Accepted, agg.Offer(At(1, 100, 1, id: 42)));
        Assert.Equal(TickVerdict.Duplicate, agg.Offer(At(1, 100, 1, id: 42)));
        Assert.Equal(TickVerdict.Duplicate, agg.Offer(At(3, 120, 9, id: 42))); // a different payload under the same id is still the same trade
        agg.Flush();
        Assert.Equal(1, Assert.Single(sink.Closed).Bar.Trades);
        Assert.Equal(2, agg.Counters.Duplicate);
    }

    [Fact]
    public void SameTradeIdOnAnotherSymbol_IsNotADuplicate()
    {
        var (agg, _) = Create(TimeSpan.Zero);
        agg.Offer(At(1, 100, id: 42));
        Assert.Equal(TickVerdict.Accepted, agg.Offer(At(1, 100, id: 42, symbol: Eth)));
    }

    [Fact]
    public void InvalidTick_IdIsNotRemembered()
    {
        var (agg, _) = Create(TimeSpan.Zero);
        Assert.Equal(TickVerdict.Invalid, agg.Offer(At(1, 0, id: 42)));
        Assert.Equal(TickVerdict.Accepted, agg.Offer(At(1, 100, id: 42)));
    }

    [Fact]
    public void DuplicateOfAnOldTick_IsReportedAsDuplicateNotLate()
    {
        var (agg, _) = Create(TimeSpan.Zero);
        agg.Offer(At(1, 100, id: 1));
        agg.Offer(At(600, 100, id: 2));
        Assert.Equal(TickVerdict.Duplicate, agg.Offer(At(1, 100, id: 1)));
    }

    [Fact]
    public void Late_WhenItsMinuteEndsAtOrBeforeTheWatermark()
    {
        // Lateness 5 s; newest accepted tick at 00:01:05 → watermark 00:01:00.
        var (agg, _) = Create(TimeSpan.FromSeconds(5));
        agg.Offer(At(65, 100, id: 1));
        Assert.Equal(T0.AddSeconds(60), agg.WatermarkOf(Btc));

        // The minute [00:00, 00:01) ends exactly at the watermark: late.
        Assert.Equal(TickVerdict.Late, agg.Offer(At(59.999, 100, id: 2)));

        // The minute [00:01, 00:02) ends after it: accepted, although 6 s behind the newest tick.
        Assert.Equal(TickVerdict.Accepted, agg.Offer(At(60, 100, id: 3)));
        Assert.Equal(1, agg.Counters.Late);
    }

    [Fact]
    public void Late_TestUsesTheWatermarkBeforeTheTickItself()
    {
        // A tick far ahead of its minute: the watermark moves only after it is tested, so it is never late itself.
        var (agg, _) = Create(TimeSpan.Zero);
        agg.Offer(At(0, 100, id: 1));
        Assert.Equal(TickVerdict.Accepted, agg.Offer(At(59.9, 100, id: 2)));
        Assert.Equal(T0.AddSeconds(59.9), agg.WatermarkOf(Btc));
    }

    [Fact]
    public void LateTickWithinLatenessOfAnotherMinute_RevisesTheStillOpenBar()
    {
        var (agg, sink) = Create(TimeSpan.FromSeconds(30));
        agg.Offer(At(50, 100, id: 1));
        agg.Offer(At(70, 110, id: 2)); // watermark 00:00:40: minute 0 still open
        Assert.Empty(sink.Closed);
        Assert.Equal(TickVerdict.Accepted, agg.Offer(At(55, 90, id: 3)));
        agg.Offer(At(95, 110, id: 4)); // watermark 00:01:05: minute 0 closes
        var closed = Assert.Single(sink.Closed).Bar;
        Assert.Equal(new Bar(T0, 100, 100, 90, 90, 2, 2), closed);
    }

    [Fact]
    public void WatermarkIsPerSymbol()
    {
        var (agg, _) = Create(TimeSpan.Zero);
        agg.Offer(At(600, 100, id: 1));
        Assert.Equal(TickVerdict.Accepted, agg.Offer(At(1, 50, id: 2, symbol: Eth)));
        Assert.Equal(TickVerdict.Late, agg.Offer(At(1, 100, id: 3)));
    }

    [Fact]
    public void BarsCloseWhenTheirEndReachesTheWatermark_InTimeOrder()
    {
        var (agg, sink) = Create(TimeSpan.FromSeconds(10), Timeframe.OneMinute, Timeframe.FiveMinutes);
        agg.Offer(At(5, 100, id: 1));
        agg.Offer(At(65, 101, id: 2));
        Assert.Empty(sink.Closed); // watermark 00:00:55
        agg.Offer(At(70, 102, id: 3)); // watermark 00:01:00 = end of minute 0
        Assert.Equal(T0, Assert.Single(sink.Closed).Bar.OpenTime);
        agg.Offer(At(400, 103, id: 4)); // watermark 00:06:30: minute 1 and the first 5-minute bar close
        Assert.Equal(3, sink.Closed.Count);
        Assert.Equal((Timeframe.OneMinute, T0.AddMinutes(1)), (sink.Closed[1].Timeframe, sink.Closed[1].Bar.OpenTime));
        Assert.Equal((Timeframe.FiveMinutes, T0), (sink.Closed[2].Timeframe, sink.Closed[2].Bar.OpenTime));
        Assert.Equal(new Bar(T0, 100, 102, 100, 102, 3, 3), sink.Closed[2].Bar);
    }

    [Fact]
    public void IntervalsWithoutTicks_ProduceNoBar()
    {
        var (agg, sink) = Create(TimeSpan.Zero);
        agg.Offer(At(1, 100, id: 1));
        agg.Offer(At(301, 100, id: 2));
        agg.Flush();
        Assert.Equal([T0, T0.AddMinutes(5)], sink.Closed.Select(c => c.Bar.OpenTime));
    }

    [Fact]
    public void EveryTimeframe_IsBuiltFromTheSameAcceptedTicks()
    {
        var (agg, sink) = Create(TimeSpan.FromSeconds(5), Timeframe.OneMinute, Timeframe.OneHour);
        agg.Offer(At(10, 100, 1, id: 1));
        agg.Offer(At(100, 101, 1, id: 2));
        agg.Offer(At(30, 99, 1, id: 3)); // late for both: its minute ended at 00:01:00 ≤ watermark 00:01:35
        agg.Flush();
        Assert.Equal(2, sink.Closed.Where(c => c.Timeframe == Timeframe.OneMinute).Sum(c => c.Bar.Trades));
        Assert.Equal(2, sink.Closed.Where(c => c.Timeframe == Timeframe.OneHour).Sum(c => c.Bar.Trades));
        Assert.Equal(100, Assert.Single(sink.Closed, c => c.Timeframe == Timeframe.OneHour).Bar.Low); // the late 99 is absent
    }

    [Fact]
    public void Counters_CountEveryOfferedTickOnce()
    {
        var (agg, _) = Create(TimeSpan.Zero);
        agg.Offer(At(1, 100, id: 1));
        agg.Offer(At(1, 100, id: 1));
        agg.Offer(At(120, 100, id: 2));
        agg.Offer(At(2, 100, id: 3));
        agg.Offer(At(3, -1, id: 4));
        agg.RejectInvalid();
        var c = agg.Counters;
        Assert.Equal((2L, 2L, 1L, 1L, 6L), (c.Accepted, c.Invalid, c.Duplicate, c.Late, c.Offered));
    }

    [Fact]
    public void EmitUpdates_ReportsTheBarAfterEachAcceptedTick()
    {
        var sink = new RecordingSink();
        var agg = new TickAggregator(new TickAggregatorOptions { Timeframes = [Timeframe.OneMinute], EmitUpdates = true }, sink);
        agg.Offer(At(1, 100, id: 1));
        agg.Offer(At(2, 105, id: 2));
        agg.Offer(At(2, 0, id: 3));
        Assert.Equal(2, sink.Updated.Count);
        Assert.Equal(new Bar(T0, 100, 105, 100, 105, 2, 2), sink.Updated[1].Bar);
    }

    [Fact]
    public void AdvanceTo_ClosesQuietSymbolsBars()
    {
        var (agg, sink) = Create(TimeSpan.FromSeconds(5));
        agg.Offer(At(1, 100, id: 1));
        agg.AdvanceTo(T0.AddSeconds(64));
        Assert.Empty(sink.Closed);
        agg.AdvanceTo(T0.AddSeconds(65));
        Assert.Single(sink.Closed);
        Assert.Equal(TickVerdict.Late, agg.Offer(At(30, 100, id: 2)));
    }

    [Fact]
    public void DuplicateRetention_BoundsMemoryWithoutDoubleCounting()
    {
        var sink = new RecordingSink();
        var agg = new TickAggregator(new TickAggregatorOptions
        {
            Timeframes = [Timeframe.OneMinute],
            DuplicateRetention = TimeSpan.FromMinutes(1),
        }, sink);
        agg.Offer(At(1, 100, id: 1));
        agg.Offer(At(30, 100, id: 2));
        Assert.Equal(TickVerdict.Duplicate, agg.Offer(At(1, 100, id: 1)));
        agg.Offer(At(300, 100, id: 3));

        // Id 1 is forgotten, but its tick is now late: it still cannot be counted twice.
        Assert.Equal(TickVerdict.Late, agg.Offer(At(1, 100, id: 1)));
        Assert.Equal(TickVerdict.Duplicate, agg.Offer(At(300, 100, id: 3)));
    }

    [Fact]
    public void Options_AreValidated()
    {
        var sink = new RecordingSink();
        Assert.Throws<ArgumentException>(() => new TickAggregator(new TickAggregatorOptions { Timeframes = [] }, sink));
        Assert.Throws<ArgumentException>(() => new TickAggregator(new TickAggregatorOptions { Timeframes = [Timeframe.OneMinute, Timeframe.OneMinute] }, sink));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TickAggregator(new TickAggregatorOptions { Timeframes = [Timeframe.OneMinute], AllowedLateness = TimeSpan.FromSeconds(-1) }, sink));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TickAggregator(new TickAggregatorOptions { Timeframes = [Timeframe.OneMinute], DuplicateRetention = TimeSpan.FromSeconds(30) }, sink));
    }

    [Fact]
    public void WeeklyBars_StartOnMonday()
    {
        var (agg, sink) = Create(TimeSpan.Zero, Timeframe.OneWeek);
        agg.Offer(new Tick(new DateTime(2024, 3, 9, 12, 0, 0, DateTimeKind.Utc), Btc, 100, 1, new TradeId(1)));
        agg.Offer(new Tick(new DateTime(2024, 3, 11, 0, 0, 0, DateTimeKind.Utc), Btc, 101, 1, new TradeId(2)));
        agg.Flush();
        Assert.Equal([new DateTime(2024, 3, 4, 0, 0, 0, DateTimeKind.Utc), new DateTime(2024, 3, 11, 0, 0, 0, DateTimeKind.Utc)], sink.Closed.Select(c => c.Bar.OpenTime));
    }
}
