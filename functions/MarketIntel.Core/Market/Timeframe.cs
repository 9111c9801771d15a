using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace MarketIntel.Core.Market;

/// <summary>
/// A bar interval of a whole number of minutes (<c>1m</c>, <c>5m</c>, <c>1h</c>, <c>4h</c>, <c>1d</c>, <c>1w</c>, <c>90m</c>).
/// Bars are aligned to multiples of the interval counted from the Unix epoch (00:00 UTC), except intervals that
/// are whole weeks: those are counted from a Monday 00:00 UTC, so that weekly bars are ISO weeks (Monday to Sunday),
/// the convention of exchanges and charting tools, rather than Thursday-based weeks that the Unix epoch would give.
/// </summary>
public readonly record struct Timeframe : IComparable<Timeframe>
{
    public const long TicksPerMinute = TimeSpan.TicksPerMinute;
    private const int MinutesPerHour = 60;
    private const int MinutesPerDay = 1440;
    private const int MinutesPerWeek = 10080;

    // DateTime's tick zero (0001-01-01) is a Monday in the proleptic Gregorian calendar.
    private const long MondayOriginTicks = 0;
    private static readonly long UnixEpochTicks = DateTime.UnixEpoch.Ticks;

    public Timeframe(int minutes)
    {
        if (minutes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(minutes), minutes, "A timeframe is a positive whole number of minutes.");
        }

        // Up to 52 weeks: larger buckets are calendar periods (months, years), which this type does not model.
        if (minutes > 52 * MinutesPerWeek)
        {
            throw new ArgumentOutOfRangeException(nameof(minutes), minutes, "A timeframe is at most 52 weeks.");
        }

        Minutes = minutes;
    }

    public int Minutes { get; }

    public long Ticks => Minutes * TicksPerMinute;

    public TimeSpan Duration => TimeSpan.FromTicks(Ticks);

    public bool IsWeekly => Minutes % MinutesPerWeek == 0;

    public static Timeframe OneMinute => new(1);
    public static Timeframe FiveMinutes => new(5);
    public static Timeframe FifteenMinutes => new(15);
    public static Timeframe ThirtyMinutes => new(30);
    public static Timeframe OneHour => new(MinutesPerHour);
    public static Timeframe FourHours => new(4 * MinutesPerHour);
    public static Timeframe OneDay => new(MinutesPerDay);
    public static Timeframe OneWeek => new(MinutesPerWeek);

    /// <summary>The standard set offered by the API and the dashboard.</summary>
    public static IReadOnlyList<Timeframe> Standard { get; } =
        [OneMinute, FiveMinutes, FifteenMinutes, ThirtyMinutes, OneHour, FourHours, OneDay, OneWeek];

    /// <summary>Start (UTC ticks) of the bar containing <paramref name="utcTicks"/>.</summary>
    public long BucketStart(long utcTicks)
    {
        var size = Ticks;
        var origin = IsWeekly ? MondayOriginTicks : UnixEpochTicks;
        var offset = (utcTicks - origin) % size;
        if (offset < 0)
        {
            offset += size;
        }

        return utcTicks - offset;
    }

    public DateTime BucketStart(DateTime utc) => new(BucketStart(utc.Ticks), DateTimeKind.Utc);

    /// <summary>True when every bar of this timeframe is an exact union of bars of <paramref name="finer"/>.</summary>
    public bool IsMultipleOf(Timeframe finer)
    {
        if (Minutes % finer.Minutes != 0)
        {
            return false;
        }

        // A Unix-epoch-aligned grid nests in a week grid only when its size divides the 3-day offset between the origins.
        return !IsWeekly || finer.IsWeekly || (3L * MinutesPerDay) % finer.Minutes == 0;
    }

    public static Timeframe Parse(string text)
    {
        if (!TryParse(text, out var timeframe, out var error))
        {
            throw new FormatException(error);
        }

        return timeframe;
    }

    public static bool TryParse([NotNullWhen(true)] string? text, out Timeframe timeframe) => TryParse(text, out timeframe, out _);

    public static bool TryParse(string? text, out Timeframe timeframe, out string error)
    {
        timeframe = default;
        var s = (text ?? string.Empty).Trim();
        if (s.Length < 2)
        {
            error = $"'{text}' is not a timeframe: use a whole number and a unit m, h, d or w (1m, 5m, 1h, 1d, 1w)";
            return false;
        }

        var unit = s[^1];
        int multiplier = unit switch
        {
            'm' => 1,
            'h' or 'H' => MinutesPerHour,
            'd' or 'D' => MinutesPerDay,
            'w' or 'W' => MinutesPerWeek,
            _ => 0,
        };
        var digits = s.AsSpan(0, s.Length - 1);
        if (multiplier == 0 || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count <= 0)
        {
            error = $"'{text}' is not a timeframe: use a whole number and a unit m, h, d or w (1m, 5m, 1h, 1d, 1w)";
            return false;
        }

        long minutes = (long)count * multiplier;
        if (minutes > 52 * MinutesPerWeek)
        {
            error = $"'{text}' is too long a timeframe: at most 52w";
            return false;
        }

        timeframe = new Timeframe((int)minutes);
        error = string.Empty;
        return true;
    }

    public int CompareTo(Timeframe other) => Minutes.CompareTo(other.Minutes);

    /// <summary>Canonical spelling: the largest unit that divides the interval (60m prints as 1h).</summary>
    public override string ToString()
    {
        if (Minutes == 0)
        {
            return "0m";
        }

        if (Minutes % MinutesPerWeek == 0)
        {
            return (Minutes / MinutesPerWeek).ToString(CultureInfo.InvariantCulture) + "w";
        }

        if (Minutes % MinutesPerDay == 0)
        {
            return (Minutes / MinutesPerDay).ToString(CultureInfo.InvariantCulture) + "d";
        }

        return Minutes % MinutesPerHour == 0
            ? (Minutes / MinutesPerHour).ToString(CultureInfo.InvariantCulture) + "h"
            : Minutes.ToString(CultureInfo.InvariantCulture) + "m";
    }
}
