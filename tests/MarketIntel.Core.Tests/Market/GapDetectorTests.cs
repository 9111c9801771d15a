using MarketIntel.Core.Market;

namespace MarketIntel.Core.Tests.Market;

public sealed class GapDetectorTests
{
    private static DateTime Utc(int d, int h, int m) => new(2024, 3, d, h, m, 0, DateTimeKind.Utc);

    [Fact]
    public void Crypto_EveryBucketIsExpected_GapsAreListedAsRuns()
    {
        var from = Utc(9, 23, 50);
        var present = Enumerable.Range(0, 20).Where(i => i is not (3 or 4 or 5 or 12)).Select(i => from.AddMinutes(i));
        var gaps = GapDetector.FindGaps(present, Timeframe.OneMinute, ExchangeCalendar.Crypto, from, from.AddMinutes(20));
        Assert.Equal([new BarGap(from.AddMinutes(3), from.AddMinutes(5), 3), new BarGap(from.AddMinutes(12), from.AddMinutes(12), 1)], gaps);
    }

    [Fact]
    public void Crypto_TrailingGapIsReported()
    {
        var from = Utc(9, 0, 0);
        var gaps = GapDetector.FindGaps([from], Timeframe.FiveMinutes, ExchangeCalendar.Crypto, from, from.AddMinutes(20));
        Assert.Equal([new BarGap(from.AddMinutes(5), from.AddMinutes(15), 3)], gaps);
    }

    [Fact]
    public void Nyse_HourlyBarsOverlappingTheSession_WeekendsAndNightsAreNotGaps()
    {
        // Friday 2024-03-08 (EST): session 14:30-21:00 UTC overlaps the hourly buckets 14:00 ... 20:00.
        var expected = GapDetector.ExpectedBars(Timeframe.OneHour, ExchangeCalendar.Nyse, Utc(8, 0, 0), Utc(11, 0, 0)).ToList();
        Assert.Equal(Enumerable.Range(14, 7).Select(h => Utc(8, h, 0)), expected);
    }

    [Fact]
    public void Nyse_DailyBarsSkipHolidaysAndWeekends()
    {
        var expected = GapDetector.ExpectedBars(Timeframe.OneDay, ExchangeCalendar.Nyse, Utc(27, 0, 0), new DateTime(2024, 4, 3, 0, 0, 0, DateTimeKind.Utc)).ToList();
        // Good Friday 2024-03-29 and the weekend are not expected.
        Assert.Equal([Utc(27, 0, 0), Utc(28, 0, 0), new DateTime(2024, 4, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2024, 4, 2, 0, 0, 0, DateTimeKind.Utc)], expected);
    }

    [Fact]
    public void ExpectedBars_MatchBruteForceOverAMonthOfMinutes()
    {
        // Independent reference: every minute of March 2024 whose start lies inside an NYSE session.
        var from = new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        var to = from.AddMonths(1);
        var brute = new List<DateTime>();
        for (var t = from; t < to; t = t.AddMinutes(1))
        {
            if (ExchangeCalendar.Nyse.SessionOf(t) is not null)
            {
                brute.Add(t);
            }
        }

        Assert.Equal(brute, GapDetector.ExpectedBars(Timeframe.OneMinute, ExchangeCalendar.Nyse, from, to));
        Assert.Equal(20 * 390, brute.Count); // 20 trading days in March 2024 (Good Friday closed)
    }
}
