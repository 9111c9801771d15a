namespace MarketIntel.Core.Market;

/// <summary>
/// Builds daily bars that follow an exchange's regular session in its own time zone from intraday bars.
/// Intraday bars outside the session (pre-market, after-hours) are left out; each daily bar is labelled with the
/// session date at 00:00 UTC. For <see cref="ExchangeCalendar.Crypto"/> this equals 1d resampling in UTC.
/// </summary>
public static class SessionBarBuilder
{
    public static List<Bar> Daily(IReadOnlyList<Bar> intraday, ExchangeCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(intraday);
        ArgumentNullException.ThrowIfNull(calendar);
        var result = new List<Bar>();
        DateOnly? current = null;
        Bar acc = default;
        var last = DateTime.MinValue;
        foreach (var bar in intraday)
        {
            if (bar.OpenTime <= last)
            {
                throw new ArgumentException($"Bars must be in strictly increasing time order: {bar.OpenTime:O} follows {last:O}.", nameof(intraday));
            }

            last = bar.OpenTime;
            if (calendar.SessionOf(bar.OpenTime) is not { } session)
            {
                continue;
            }

            if (current == session)
            {
                acc = BarResampler.Merge(acc, bar);
                continue;
            }

            if (current is not null)
            {
                result.Add(acc);
            }

            current = session;
            acc = bar with { OpenTime = ExchangeCalendar.DailyLabel(session) };
        }

        if (current is not null)
        {
            result.Add(acc);
        }

        return result;
    }
}
