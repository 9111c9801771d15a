namespace MarketIntel.Core.Market;

/// <summary>
/// When a market trades: its time zone (IANA id), the regular session's local open and close, trading weekdays and
/// holidays. Crypto trades 24/7 in UTC. Daily bars of a session market are labelled with the session's local date at
/// 00:00 UTC (the convention of daily quote files) and contain only regular-session bars.
/// </summary>
public sealed class ExchangeCalendar
{
    private readonly Func<DateOnly, bool> _isHoliday;

    public ExchangeCalendar(string id, string timeZoneId, TimeOnly sessionOpen, TimeOnly sessionClose, bool tradesWeekends, Func<DateOnly, bool>? isHoliday = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        Id = id;
        TimeZone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        SessionOpen = sessionOpen;
        SessionClose = sessionClose;
        TradesWeekends = tradesWeekends;
        _isHoliday = isHoliday ?? (static _ => false);
        if (!IsAllDay && sessionClose <= sessionOpen)
        {
            throw new ArgumentException("A session must close after it opens (overnight sessions are not modelled).", nameof(sessionClose));
        }
    }

    public string Id { get; }

    public TimeZoneInfo TimeZone { get; }

    public TimeOnly SessionOpen { get; }

    public TimeOnly SessionClose { get; }

    public bool TradesWeekends { get; }

    /// <summary>Open == close == 00:00 means a session of the whole local day.</summary>
    public bool IsAllDay => SessionOpen == TimeOnly.MinValue && SessionClose == TimeOnly.MinValue;

    /// <summary>Round-the-clock trading in UTC (crypto venues).</summary>
    public static ExchangeCalendar Crypto { get; } = new("CRYPTO", "Etc/UTC", TimeOnly.MinValue, TimeOnly.MinValue, tradesWeekends: true);

    /// <summary>New York Stock Exchange regular session, 09:30–16:00 America/New_York, with its holiday rules.</summary>
    public static ExchangeCalendar Nyse { get; } = new("XNYS", "America/New_York", new TimeOnly(9, 30), new TimeOnly(16, 0), tradesWeekends: false, UsEquityHolidays.IsHoliday);

    /// <summary>Nasdaq: the same session and holidays as NYSE.</summary>
    public static ExchangeCalendar Nasdaq { get; } = new("XNAS", "America/New_York", new TimeOnly(9, 30), new TimeOnly(16, 0), tradesWeekends: false, UsEquityHolidays.IsHoliday);

    public static ExchangeCalendar FromId(string id) => id.ToUpperInvariant() switch
    {
        "CRYPTO" or "24/7" or "UTC" => Crypto,
        "XNYS" or "NYSE" => Nyse,
        "XNAS" or "NASDAQ" => Nasdaq,
        _ => throw new ArgumentException($"Unknown exchange calendar '{id}': use CRYPTO, XNYS or XNAS.", nameof(id)),
    };

    public bool IsTradingDay(DateOnly date) =>
        (TradesWeekends || (date.DayOfWeek != DayOfWeek.Saturday && date.DayOfWeek != DayOfWeek.Sunday)) && !_isHoliday(date);

    /// <summary>The regular session of a local date in UTC, or null when the market is closed that day.</summary>
    public (DateTime OpenUtc, DateTime CloseUtc)? SessionBounds(DateOnly date)
    {
        if (!IsTradingDay(date))
        {
            return null;
        }

        var open = date.ToDateTime(SessionOpen, DateTimeKind.Unspecified);
        var close = IsAllDay ? date.AddDays(1).ToDateTime(TimeOnly.MinValue) : date.ToDateTime(SessionClose, DateTimeKind.Unspecified);
        return (TimeZoneInfo.ConvertTimeToUtc(open, TimeZone), TimeZoneInfo.ConvertTimeToUtc(close, TimeZone));
    }

    /// <summary>The local date of the regular session containing <paramref name="utc"/>, or null outside every session.</summary>
    public DateOnly? SessionOf(DateTime utc)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZone);
        var date = DateOnly.FromDateTime(local);
        var bounds = SessionBounds(date);
        return bounds is { } b && utc >= b.OpenUtc && utc < b.CloseUtc ? date : null;
    }

    /// <summary>The label of a daily bar: the session's local date at 00:00 UTC.</summary>
    public static DateTime DailyLabel(DateOnly session) => session.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
}
