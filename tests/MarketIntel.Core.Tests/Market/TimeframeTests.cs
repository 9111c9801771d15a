using MarketIntel.Core.Market;

namespace MarketIntel.Core.Tests.Market;

public sealed class TimeframeTests
{
    [Theory]
    [InlineData("1m", 1, "1m")]
    [InlineData("5m", 5, "5m")]
    [InlineData("15m", 15, "15m")]
    [InlineData("30m", 30, "30m")]
    [InlineData("1h", 60, "1h")]
    [InlineData("4h", 240, "4h")]
    [InlineData("1d", 1440, "1d")]
    [InlineData("1w", 10080, "1w")]
    [InlineData("90m", 90, "90m")]
    [InlineData("60m", 60, "1h")]
    [InlineData(" 2h ", 120, "2h")]
    public void Parse_AcceptsUnitsAndPrintsCanonically(string text, int minutes, string canonical)
    {
        var tf = Timeframe.Parse(text);
        Assert.Equal(minutes, tf.Minutes);
        Assert.Equal(canonical, tf.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("m")]
    [InlineData("0m")]
    [InlineData("-5m")]
    [InlineData("5")]
    [InlineData("1.5h")]
    [InlineData("5M")]
    [InlineData("1y")]
    [InlineData("53w")]
    public void Parse_RejectsWithMessage(string text)
    {
        Assert.False(Timeframe.TryParse(text, out _, out var error));
        Assert.Contains("timeframe", error, StringComparison.Ordinal);
    }

    [Fact]
    public void BucketStart_AlignsToUnixEpochMultiples()
    {
        var t = new DateTime(2024, 3, 9, 23, 52, 1, 250, DateTimeKind.Utc);
        Assert.Equal(new DateTime(2024, 3, 9, 23, 50, 0, DateTimeKind.Utc), Timeframe.FiveMinutes.BucketStart(t));
        Assert.Equal(new DateTime(2024, 3, 9, 20, 0, 0, DateTimeKind.Utc), Timeframe.FourHours.BucketStart(t));
        Assert.Equal(new DateTime(2024, 3, 9, 0, 0, 0, DateTimeKind.Utc), Timeframe.OneDay.BucketStart(t));

        // 90 minutes since the Unix epoch: 2024-03-09T23:52 is 28,492,072 minutes after it, 316,578 buckets + 52 minutes.
        var minutes = (long)(t - DateTime.UnixEpoch).TotalMinutes;
        Assert.Equal(t.AddMinutes(-(minutes % 90)).AddSeconds(-1.25), new Timeframe(90).BucketStart(t));
    }

    [Fact]
    public void BucketStart_WeeksStartOnMondayUtc()
    {
        // 2024-03-09 is a Saturday; its ISO week starts on Monday 2024-03-04.
        var saturday = new DateTime(2024, 3, 9, 12, 0, 0, DateTimeKind.Utc);
        Assert.Equal(new DateTime(2024, 3, 4, 0, 0, 0, DateTimeKind.Utc), Timeframe.OneWeek.BucketStart(saturday));
        var monday = new DateTime(2024, 3, 4, 0, 0, 0, DateTimeKind.Utc);
        Assert.Equal(monday, Timeframe.OneWeek.BucketStart(monday));
        Assert.Equal(monday.AddDays(-7), Timeframe.OneWeek.BucketStart(monday.AddTicks(-1)));
        Assert.Equal(DayOfWeek.Monday, Timeframe.OneWeek.BucketStart(DateTime.UnixEpoch).DayOfWeek);
    }

    [Fact]
    public void BucketStart_BeforeTheEpochStillFloors()
    {
        var t = new DateTime(1969, 12, 31, 23, 59, 30, DateTimeKind.Utc);
        Assert.Equal(new DateTime(1969, 12, 31, 23, 55, 0, DateTimeKind.Utc), Timeframe.FiveMinutes.BucketStart(t));
    }

    [Theory]
    [InlineData("5m", "1m", true)]
    [InlineData("1h", "5m", true)]
    [InlineData("1h", "7m", false)]
    [InlineData("1w", "1d", true)]
    [InlineData("1w", "1h", true)]
    [InlineData("1w", "2d", false)]
    [InlineData("2w", "1w", true)]
    [InlineData("1m", "5m", false)]
    public void IsMultipleOf_MeansEveryCoarseBarIsAUnionOfFineBars(string coarse, string fine, bool expected)
    {
        Assert.Equal(expected, Timeframe.Parse(coarse).IsMultipleOf(Timeframe.Parse(fine)));
    }
}
