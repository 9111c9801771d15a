using MarketIntel.Core.Market;

namespace MarketIntel.Core.Tests.Market;

/// <summary>The aggregator against <see cref="BruteForceAggregation"/> on <see cref="FaultyTickStream"/>s.</summary>
public sealed class TickAggregatorPropertyTests
{
    private static readonly Timeframe[] Frames = [Timeframe.OneMinute, Timeframe.FiveMinutes, Timeframe.FifteenMinutes, Timeframe.OneHour, Timeframe.FourHours, Timeframe.OneDay, Timeframe.OneWeek, new(7)];

    public static TheoryData<int, int> Seeds()
    {
        var data = new TheoryData<int, int>();
        foreach (var lateness in new[] { 0, 5, 90 })
        {
            for (var seed = 1; seed <= 8; seed++)
            {
                data.Add(seed, lateness);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RandomStream_MatchesBruteForceVerdictsAndBars(int seed, int latenessSeconds)
    {
        var ticks = FaultyTickStream.Generate(seed);
        var lateness = TimeSpan.FromSeconds(latenessSeconds);
        var (expectedVerdicts, expectedBars) = BruteForceAggregation.Run(ticks, lateness, Frames);

        var sink = new RecordingSink();
        var aggregator = new TickAggregator(new TickAggregatorOptions { Timeframes = Frames, AllowedLateness = lateness }, sink);
        var verdicts = ticks.Select(t => aggregator.Offer(t)).ToArray();
        var closedBeforeFlush = sink.Closed.Count;
        aggregator.Flush();

        Assert.Equal(expectedVerdicts, verdicts);
        Assert.Contains(TickVerdict.Late, verdicts);
        Assert.Contains(TickVerdict.Duplicate, verdicts);
        Assert.Contains(TickVerdict.Invalid, verdicts);
        Assert.True(closedBeforeFlush > 0, "bars must close while streaming, not only at the end");

        // Bars are emitted once each, final when emitted, in time order per symbol and timeframe.
        Assert.Equal(Sorted(expectedBars), Sorted(sink.Closed));
        foreach (var series in sink.Closed.GroupBy(b => (b.Symbol, b.Timeframe)))
        {
            var times = series.Select(b => b.Bar.OpenTime).ToList();
            Assert.Equal(times.Order(), times);
        }

        var c = aggregator.Counters;
        Assert.Equal(ticks.Count, c.Offered);
        Assert.Equal(expectedVerdicts.Count(v => v == TickVerdict.Late), c.Late);
        Assert.Equal(sink.Closed.Count, c.BarsClosed);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public void WithDuplicateRetention_NoRedeliveredTradeIsCountedTwice(int seed)
    {
        // Re-deliveries (same trade, same timestamp) arrive up to three minutes later, beyond the two-minute retention.
        var ticks = FaultyTickStream.Generate(seed, reuseIds: false);
        Assert.True(ticks.Count > ticks.Select(t => (t.Symbol, t.TradeId)).Distinct().Count());
        var sink = new RecordingSink();
        var aggregator = new TickAggregator(new TickAggregatorOptions
        {
            Timeframes = [Timeframe.OneMinute],
            AllowedLateness = TimeSpan.FromSeconds(30),
            DuplicateRetention = TimeSpan.FromMinutes(2),
        }, sink);
        var acceptedIds = new HashSet<(string, TradeId)>();
        foreach (var t in ticks)
        {
            if (aggregator.Offer(t) == TickVerdict.Accepted)
            {
                Assert.True(acceptedIds.Add((t.Symbol.Value, t.TradeId)), $"trade {t.TradeId} of {t.Symbol} accepted twice");
            }
        }
    }

    private static List<string> Sorted(IEnumerable<SymbolBar> bars) =>
        [.. bars.Select(b => $"{b.Symbol}|{b.Timeframe}|{b.Bar}").Order(StringComparer.Ordinal)];
}
