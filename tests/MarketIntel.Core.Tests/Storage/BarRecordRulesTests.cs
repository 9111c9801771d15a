using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;

namespace MarketIntel.Core.Tests.Storage;

public sealed class BarRecordRulesTests
{
    private static readonly DateTime Time = new(2024, 2, 29, 23, 59, 0, DateTimeKind.Utc);

    [Fact]
    public void IntradayBars_ArePartitionedBySymbolTimeframeAndMonth()
    {
        Assert.Equal("AAPL|1m|2024-02", BarRecordRules.PartitionKey("AAPL", Timeframe.OneMinute, Time));
        Assert.Equal("AAPL|1m|2024-03", BarRecordRules.PartitionKey("AAPL", Timeframe.OneMinute, Time.AddMinutes(1)));
        Assert.Equal("BTC%2FUSD|4h|2024-02", BarRecordRules.PartitionKey("BTC/USD", Timeframe.FourHours, new DateTime(2024, 2, 1, 0, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void DailyAndLongerBars_ArePartitionedByYear()
    {
        Assert.Equal("SPY|1d|2024", BarRecordRules.PartitionKey("SPY", Timeframe.OneDay, new DateTime(2024, 12, 31, 0, 0, 0, DateTimeKind.Utc)));
        Assert.Equal("SPY|1w|2023", BarRecordRules.PartitionKey("SPY", Timeframe.OneWeek, new DateTime(2023, 1, 2, 0, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void PeriodWalk_CoversEveryPartitionOfARange_ExactlyOnce()
    {
        // Brute force: the set of partitions of every minute in the range equals the periods the walk visits.
        var from = new DateTime(2023, 11, 15, 0, 0, 0, DateTimeKind.Utc);
        var to = new DateTime(2024, 3, 2, 0, 0, 0, DateTimeKind.Utc);
        foreach (var timeframe in new[] { Timeframe.OneMinute, Timeframe.OneDay })
        {
            var expected = new SortedSet<string>(StringComparer.Ordinal);
            for (var t = from; t < to; t = t.AddHours(6))
            {
                expected.Add(BarRecordRules.PartitionKey("X", timeframe, t));
            }

            var walked = new List<string>();
            for (var p = BarRecordRules.PeriodStart(timeframe, from); p < to; p = BarRecordRules.NextPeriodStart(timeframe, p))
            {
                walked.Add(BarRecordRules.PartitionKey("X", timeframe, p));
            }

            Assert.Equal(expected, walked);
        }
    }

    [Fact]
    public void UnixMilliseconds_RoundTripTheOpenTime()
    {
        Assert.Equal(1_709_251_140_000, BarRecordRules.ToUnixMilliseconds(Time));
        Assert.Equal(Time, BarRecordRules.FromUnixMilliseconds(BarRecordRules.ToUnixMilliseconds(Time)));
        Assert.Equal(DateTimeKind.Utc, BarRecordRules.FromUnixMilliseconds(0).Kind);
    }

    [Fact]
    public void ContinuationToken_ResumesAfterTheLastBar_AndNeverBeforeTheRange()
    {
        var query = new BarRangeQuery("AAPL", Timeframe.OneMinute, Time.AddDays(-1), Time.AddDays(1));

        Assert.Equal(Time.AddMilliseconds(1), BarRecordRules.ResumeFrom(query with { ContinuationToken = BarRecordRules.ContinuationAfter(Time) }));
        Assert.Equal(query.From, BarRecordRules.ResumeFrom(query with { ContinuationToken = BarRecordRules.ContinuationAfter(Time.AddDays(-30)) }));
        Assert.Throws<ArgumentException>(() => BarRecordRules.ResumeFrom(query with { ContinuationToken = "tx" }));
        Assert.Throws<ArgumentOutOfRangeException>(() => BarRecordRules.ResumeFrom(query with { PageSize = 0 }));
    }

    [Fact]
    public void Ids_SortLikeTheOpenTimes()
    {
        var times = Enumerable.Range(0, 500).Select(i => new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i * 97)).ToList();

        Assert.Equal(times.Select(BarRecordRules.Id), times.Select(BarRecordRules.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void PartitionKeysOfASeries_ShareItsPrefix_SortInTimeOrder_AndNameTheirPeriodStart()
    {
        foreach (var timeframe in new[] { Timeframe.OneMinute, Timeframe.OneHour, Timeframe.OneDay })
        {
            var times = Enumerable.Range(0, 300).Select(i => new DateTime(1998, 12, 31, 23, 59, 0, DateTimeKind.Utc).AddDays(i * 41.3)).Select(timeframe.BucketStart).ToList();
            var keys = times.Select(t => BarRecordRules.PartitionKey("BRK.B", timeframe, t)).ToList();

            Assert.All(keys, k => Assert.StartsWith(BarRecordRules.PartitionPrefix("BRK.B", timeframe), k, StringComparison.Ordinal));
            Assert.Equal(keys, keys.Order(StringComparer.Ordinal));
            Assert.Equal(times.Select(t => BarRecordRules.PeriodStart(timeframe, t)), keys.Select(k => BarRecordRules.PeriodStartOf("BRK.B", timeframe, k)));
        }

        Assert.Throws<FormatException>(() => BarRecordRules.PeriodStartOf("AAPL", Timeframe.OneMinute, BarRecordRules.PartitionKey("AAPL", Timeframe.OneHour, Time)));
        Assert.Throws<FormatException>(() => BarRecordRules.PeriodStartOf("AAPL", Timeframe.OneMinute, BarRecordRules.PartitionPrefix("AAPL", Timeframe.OneMinute) + "2024-13"));
        Assert.Throws<FormatException>(() => BarRecordRules.PeriodStartOf("AAPL", Timeframe.OneDay, BarRecordRules.PartitionKey("AAPL", Timeframe.OneMinute, Time)));
    }
}
