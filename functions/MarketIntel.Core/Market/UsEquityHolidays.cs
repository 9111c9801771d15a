namespace MarketIntel.Core.Market;

/// <summary>
/// Full-day closures of US equity exchanges (NYSE rules since 1998): New Year's Day, Martin Luther King Jr. Day,
/// Washington's Birthday, Good Friday, Memorial Day, Juneteenth (from 2022), Independence Day, Labor Day,
/// Thanksgiving and Christmas, with Saturday holidays observed on Friday and Sunday holidays on Monday (except that
/// a Saturday New Year's Day is not observed on the preceding Friday). One-off closures (national mourning days,
/// 2012's hurricane) are not rules and are not modelled; early closes are not modelled either.
/// </summary>
public static class UsEquityHolidays
{
    public static bool IsHoliday(DateOnly date)
    {
        var y = date.Year;
        if (date == Observed(new DateOnly(y, 1, 1), newYear: true)
            || date == NthWeekday(y, 1, DayOfWeek.Monday, 3)
            || date == NthWeekday(y, 2, DayOfWeek.Monday, 3)
            || date == EasterSunday(y).AddDays(-2)
            || date == LastWeekday(y, 5, DayOfWeek.Monday)
            || (y >= 2022 && date == Observed(new DateOnly(y, 6, 19)))
            || date == Observed(new DateOnly(y, 7, 4))
            || date == NthWeekday(y, 9, DayOfWeek.Monday, 1)
            || date == NthWeekday(y, 11, DayOfWeek.Thursday, 4)
            || date == Observed(new DateOnly(y, 12, 25)))
        {
            return true;
        }

        // Next year's New Year's Day on a Saturday is not observed on Dec 31 (NYSE rule 7.2), so nothing to add here.
        return false;
    }

    private static DateOnly Observed(DateOnly day, bool newYear = false) => day.DayOfWeek switch
    {
        DayOfWeek.Saturday => newYear ? DateOnly.MinValue : day.AddDays(-1),
        DayOfWeek.Sunday => day.AddDays(1),
        _ => day,
    };

    private static DateOnly NthWeekday(int year, int month, DayOfWeek weekday, int n)
    {
        var first = new DateOnly(year, month, 1);
        var offset = ((int)weekday - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(offset + (7 * (n - 1)));
    }

    private static DateOnly LastWeekday(int year, int month, DayOfWeek weekday)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        var offset = ((int)last.DayOfWeek - (int)weekday + 7) % 7;
        return last.AddDays(-offset);
    }

    /// <summary>Gregorian Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }
}
