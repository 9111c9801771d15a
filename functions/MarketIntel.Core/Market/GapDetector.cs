namespace MarketIntel.Core.Market;

/// <summary>
/// Lists the bars a series should have, given its exchange calendar, but does not. Intraday bars are expected for
/// every timeframe bucket that overlaps a regular session; daily bars for every trading day (labelled as
/// <see cref="SessionBarBuilder"/> labels them); weekly bars for every week with at least one trading day.
/// </summary>
public static class GapDetector
{
    /// <summary>Expected bar open times in [<paramref name="fromUtc"/>, <paramref name="toUtc"/>), in order.</summary>
    public static IEnumerable<DateTime> ExpectedBars(Timeframe timeframe, ExchangeCalendar calendar, DateTime fromUtc, DateTime toUtc)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (toUtc <= fromUtc)
        {
            yield break;
        }

        var size = timeframe.Ticks;
        if (calendar.IsAllDay && calendar.TradesWeekends)
        {
            for (var t = timeframe.BucketStart(fromUtc.Ticks); t < toUtc.Ticks; t += size)
            {
                if (t >= fromUtc.Ticks)
                {
                    yield return new DateTime(t, DateTimeKind.Utc);
                }
            }

            yield break;
        }

        var day = DateOnly.FromDateTime(fromUtc).AddDays(-1);
        var lastDay = DateOnly.FromDateTime(toUtc).AddDays(1);
        if (timeframe == Timeframe.OneDay)
        {
            for (; day <= lastDay; day = day.AddDays(1))
            {
                var label = ExchangeCalendar.DailyLabel(day);
                if (calendar.IsTradingDay(day) && label >= fromUtc && label < toUtc)
                {
                    yield return label;
                }
            }

            yield break;
        }

        if (timeframe.IsWeekly)
        {
            var previous = long.MinValue;
            for (; day <= lastDay; day = day.AddDays(1))
            {
                var week = timeframe.BucketStart(ExchangeCalendar.DailyLabel(day).Ticks);
                if (calendar.IsTradingDay(day) && week != previous && week >= fromUtc.Ticks && week < toUtc.Ticks)
                {
                    previous = week;
                    yield return new DateTime(week, DateTimeKind.Utc);
                }
            }

            yield break;
        }

        var emitted = long.MinValue;
        for (; day <= lastDay; day = day.AddDays(1))
        {
            if (calendar.SessionBounds(day) is not { } session)
            {
                continue;
            }

            for (var t = timeframe.BucketStart(session.OpenUtc.Ticks); t < session.CloseUtc.Ticks; t += size)
            {
                if (t > emitted && t >= fromUtc.Ticks && t < toUtc.Ticks)
                {
                    emitted = t;
                    yield return new DateTime(t, DateTimeKind.Utc);
                }
            }
        }
    }

    /// <summary>Missing runs among the expected bars of [<paramref name="fromUtc"/>, <paramref name="toUtc"/>).</summary>
    public static List<BarGap> FindGaps(IEnumerable<DateTime> present, Timeframe timeframe, ExchangeCalendar calendar, DateTime fromUtc, DateTime toUtc)
    {
        ArgumentNullException.ThrowIfNull(present);
        var have = new HashSet<long>();
        foreach (var t in present)
        {
            have.Add(t.Ticks);
        }

        var gaps = new List<BarGap>();
        DateTime? first = null;
        var last = default(DateTime);
        var count = 0;
        foreach (var expected in ExpectedBars(timeframe, calendar, fromUtc, toUtc))
        {
            if (have.Contains(expected.Ticks))
            {
                if (first is { } f)
                {
                    gaps.Add(new BarGap(f, last, count));
                    first = null;
                }

                continue;
            }

            if (first is null)
            {
                first = expected;
                count = 0;
            }

            last = expected;
            count++;
        }

        if (first is { } open)
        {
            gaps.Add(new BarGap(open, last, count));
        }

        return gaps;
    }
}
