using MarketIntel.Core.Market;

namespace MarketIntel.Core.Tests.Market;

public sealed class ExchangeCalendarTests
{
    private static DateTime Utc(int y, int mo, int d, int h, int mi) => new(y, mo, d, h, mi, 0, DateTimeKind.Utc);

    [Fact]
    public void NyseSession_FollowsNewYorkTimeAcrossDaylightSaving()
    {
        // 2024-03-08 is EST (UTC-5), 2024-03-11 is EDT (UTC-4): the session opens at 14:30 and then 13:30 UTC.
        Assert.Equal((Utc(2024, 3, 8, 14, 30), Utc(2024, 3, 8, 21, 0)), ExchangeCalendar.Nyse.SessionBounds(new DateOnly(2024, 3, 8)));
        Assert.Equal((Utc(2024, 3, 11, 13, 30), Utc(2024, 3, 11, 20, 0)), ExchangeCalendar.Nyse.SessionBounds(new DateOnly(2024, 3, 11)));
        Assert.Null(ExchangeCalendar.Nyse.SessionBounds(new DateOnly(2024, 3, 9)));
    }

    [Theory]
    [InlineData(2024, 1, 1)]   // New Year's Day
    [InlineData(2024, 1, 15)]  // MLK day, third Monday of January
    [InlineData(2024, 2, 19)]  // Washington's Birthday
    [InlineData(2024, 3, 29)]  // Good Friday
    [InlineData(2024, 5, 27)]  // Memorial Day
    [InlineData(2024, 6, 19)]  // Juneteenth
    [InlineData(2024, 7, 4)]
    [InlineData(2024, 9, 2)]   // Labor Day
    [InlineData(2024, 11, 28)] // Thanksgiving
    [InlineData(2024, 12, 25)]
    [InlineData(2021, 12, 24)] // Christmas on a Saturday, observed Friday
    [InlineData(2022, 12, 26)] // Christmas on a Sunday, observed Monday
    [InlineData(2021, 7, 5)]   // July 4th on a Sunday
    [InlineData(2022, 6, 20)]  // Juneteenth on a Sunday
    [InlineData(2019, 4, 19)]  // Good Friday 2019
    public void UsEquityHolidays_PublishedClosures(int y, int m, int d) =>
        Assert.True(UsEquityHolidays.IsHoliday(new DateOnly(y, m, d)));

    [Theory]
    [InlineData(2021, 12, 31)] // New Year's Day 2022 fell on a Saturday: not observed on Friday
    [InlineData(2021, 6, 18)]  // Juneteenth became an NYSE holiday in 2022
    [InlineData(2024, 11, 29)] // day after Thanksgiving: early close, not a holiday
    [InlineData(2024, 3, 28)]
    public void UsEquityHolidays_TradingDays(int y, int m, int d) =>
        Assert.False(UsEquityHolidays.IsHoliday(new DateOnly(y, m, d)));

    [Fact]
    public void NyseTradingDays2023_Are250()
    {
        // NYSE published 250 trading days for 2023.
        var days = 0;
        for (var d = new DateOnly(2023, 1, 1); d.Year == 2023; d = d.AddDays(1))
        {
            days += ExchangeCalendar.Nyse.IsTradingDay(d) ? 1 : 0;
        }

        Assert.Equal(250, days);
    }

    [Theory]
    [InlineData(2000, 4, 23)]
    [InlineData(2008, 3, 23)]
    [InlineData(2019, 4, 21)]
    [InlineData(2024, 3, 31)]
    [InlineData(2038, 4, 25)]
    public void EasterSunday_KnownDates(int y, int m, int d) => Assert.Equal(new DateOnly(y, m, d), UsEquityHolidays.EasterSunday(y));

    [Fact]
    public void SessionOf_OnlyInsideTheRegularSession()
    {
        Assert.Equal(new DateOnly(2024, 3, 8), ExchangeCalendar.Nyse.SessionOf(Utc(2024, 3, 8, 14, 30)));
        Assert.Null(ExchangeCalendar.Nyse.SessionOf(Utc(2024, 3, 8, 14, 29)));
        Assert.Null(ExchangeCalendar.Nyse.SessionOf(Utc(2024, 3, 8, 21, 0)));
        Assert.Equal(new DateOnly(2024, 3, 9), ExchangeCalendar.Crypto.SessionOf(Utc(2024, 3, 9, 23, 59)));
    }

    [Fact]
    public void SessionDailyBars_UseOnlyRegularHoursInExchangeTime()
    {
        // Minute bars from 13:00 to 22:00 UTC on Friday 2024-03-08 (EST): the session is 14:30-21:00 UTC.
        var start = Utc(2024, 3, 8, 13, 0);
        var bars = Enumerable.Range(0, 540).Select(i => new Bar(start.AddMinutes(i), 100 + i, 101 + i, 99 + i, 100.5 + i, 1)).ToList();
        var daily = Assert.Single(SessionBarBuilder.Daily(bars, ExchangeCalendar.Nyse));
        Assert.Equal(new DateTime(2024, 3, 8, 0, 0, 0, DateTimeKind.Utc), daily.OpenTime);
        Assert.Equal(190, daily.Open);            // the 14:30 bar is the 90th minute
        Assert.Equal(100.5 + 479, daily.Close);   // the 20:59 bar
        Assert.Equal(390m, daily.Volume);         // 6.5 hours of minutes
        Assert.Equal(99 + 90, daily.Low);
    }

    [Fact]
    public void CryptoSessionDailyBars_EqualUtcDayResampling()
    {
        var start = Utc(2024, 3, 8, 20, 0);
        var bars = Enumerable.Range(0, 600).Select(i => new Bar(start.AddMinutes(i), 100 + (i % 13), 120, 90 - (i % 7), 100, i)).ToList();
        Assert.Equal(BarResampler.Resample(bars, Timeframe.OneDay), SessionBarBuilder.Daily(bars, ExchangeCalendar.Crypto));
    }
}
