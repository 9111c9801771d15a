using MarketIntel.Core.Market;

namespace MarketIntel.Core.Tests.Market;

public sealed class BarResamplerTests
{
    public static TheoryData<int, string> Cases()
    {
        var data = new TheoryData<int, string>();
        foreach (var tf in new[] { "5m", "15m", "1h", "4h", "1d", "1w", "7m" })
        {
            data.Add(1, tf);
            data.Add(2, tf);
            data.Add(3, tf);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ResampledOneMinuteBars_EqualDirectAggregation(int seed, string target)
    {
        var tf = Timeframe.Parse(target);
        var ticks = FaultyTickStream.Generate(seed, hours: 30);
        var sink = new RecordingSink();
        var aggregator = new TickAggregator(new TickAggregatorOptions { Timeframes = [Timeframe.OneMinute, tf], AllowedLateness = TimeSpan.FromSeconds(20) }, sink);
        foreach (var t in ticks)
        {
            aggregator.Offer(t);
        }

        aggregator.Flush();
        foreach (var symbol in sink.Closed.Select(b => b.Symbol).Distinct())
        {
            var minutes = sink.Closed.Where(b => b.Symbol == symbol && b.Timeframe == Timeframe.OneMinute).Select(b => b.Bar).OrderBy(b => b.OpenTime).ToList();
            var direct = sink.Closed.Where(b => b.Symbol == symbol && b.Timeframe == tf).Select(b => b.Bar).OrderBy(b => b.OpenTime).ToList();
            var resampled = BarResampler.Resample(minutes, tf, Timeframe.OneMinute);
            Assert.Equal(direct, resampled);
            Assert.True(direct.Count >= 2);
        }
    }

    [Fact]
    public void Resample_RejectsTargetsThatAreNotWholeUnions()
    {
        var bars = new[] { new Bar(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), 1, 1, 1, 1, 1) };
        var ex = Assert.Throws<ArgumentException>(() => BarResampler.Resample(bars, new Timeframe(7), Timeframe.FiveMinutes));
        Assert.Contains("7m", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resample_RejectsUnorderedOrMisalignedInput()
    {
        var t = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        Assert.Throws<ArgumentException>(() => BarResampler.Resample([new Bar(t.AddMinutes(1), 1, 1, 1, 1, 1), new Bar(t, 1, 1, 1, 1, 1)], Timeframe.FiveMinutes));
        Assert.Throws<ArgumentException>(() => BarResampler.Resample([new Bar(t.AddSeconds(30), 1, 1, 1, 1, 1)], Timeframe.FiveMinutes, Timeframe.OneMinute));
    }

    [Fact]
    public void DailyToWeekly_GroupsMondayToSunday()
    {
        var monday = new DateTime(2024, 3, 4, 0, 0, 0, DateTimeKind.Utc);
        var days = Enumerable.Range(0, 10).Select(i => new Bar(monday.AddDays(i), 10 + i, 20 + i, 5 + i, 11 + i, i)).ToList();
        var weeks = BarResampler.Resample(days, Timeframe.OneWeek, Timeframe.OneDay);
        Assert.Equal(2, weeks.Count);
        Assert.Equal(new Bar(monday, 10, 26, 5, 17, 21m), weeks[0]);
        Assert.Equal(new Bar(monday.AddDays(7), 17, 29, 12, 20, 24m), weeks[1]);
    }

    [Fact]
    public void InferTimeframe_UsesTheSmallestGapOnItsGrid()
    {
        var t = new DateTime(2024, 1, 1, 9, 30, 0, DateTimeKind.Utc);
        var bars = new[] { 0, 5, 10, 60, 65 }.Select(m => new Bar(t.AddMinutes(m), 1, 1, 1, 1, 1)).ToList();
        Assert.Equal(Timeframe.FiveMinutes, BarResampler.InferTimeframe(bars));
        Assert.Null(BarResampler.InferTimeframe(bars.Take(1).ToList()));
    }
}
