using System.Globalization;

namespace MarketIntel.Core.Market.Csv;

/// <summary>How numbers and times meet text: always the invariant culture, round-trip doubles, UTC.</summary>
public static class MarketText
{
    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mm:ssK",
        "yyyy-MM-dd HH:mmK",
        "yyyy-MM-dd",
    ];

    /// <summary>
    /// Parses an ISO 8601 timestamp or date. A value without an offset is UTC; a date alone means 00:00 UTC.
    /// </summary>
    public static bool TryParseUtc(ReadOnlySpan<char> text, out DateTime utc)
    {
        text = text.Trim();
        if (DateTime.TryParseExact(text, IsoFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out utc))
        {
            utc = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
            return true;
        }

        return false;
    }

    public static bool TryParseDouble(ReadOnlySpan<char> text, out double value) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    public static bool TryParseDecimal(ReadOnlySpan<char> text, out decimal value) =>
        decimal.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>Shortest text that parses back to the same double.</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A decimal without trailing zeros (3.50 prints as 3.5), which is exact and round-trips.</summary>
    public static string Format(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Bar open times as <c>yyyy-MM-ddTHH:mm:ssZ</c>.</summary>
    public static string FormatBarTime(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Parses a duration such as <c>500ms</c>, <c>5s</c>, <c>2m</c>, <c>1h</c>, <c>1d</c>, or <c>0</c>.
    /// </summary>
    public static bool TryParseDuration(string? text, out TimeSpan duration)
    {
        duration = default;
        var s = (text ?? string.Empty).Trim();
        if (s == "0")
        {
            return true;
        }

        var (digits, unitTicks) =
            s.EndsWith("ms", StringComparison.Ordinal) ? (s[..^2], TimeSpan.TicksPerMillisecond) :
            s.EndsWith('s') ? (s[..^1], TimeSpan.TicksPerSecond) :
            s.EndsWith('m') ? (s[..^1], TimeSpan.TicksPerMinute) :
            s.EndsWith('h') ? (s[..^1], TimeSpan.TicksPerHour) :
            s.EndsWith('d') ? (s[..^1], TimeSpan.TicksPerDay) : (string.Empty, 0L);
        if (unitTicks == 0 || !long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count > TimeSpan.MaxValue.Ticks / unitTicks / 2)
        {
            return false;
        }

        duration = TimeSpan.FromTicks(count * unitTicks);
        return true;
    }
}
