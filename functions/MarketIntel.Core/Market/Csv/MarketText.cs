using System.Globalization;
using System.Numerics;

namespace MarketIntel.Core.Market.Csv;

/// <summary>How numbers and times meet text: always the invariant culture, round-trip doubles, UTC.</summary>
public static class MarketText
{
    /// <summary>The ISO 8601 forms <see cref="TryParseUtc(ReadOnlySpan{char}, out DateTime)"/> accepts (exact formats, invariant culture).</summary>
    public static IReadOnlyList<string> IsoFormatList => IsoFormats;

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
        if (TryParseZulu(text, out utc))
        {
            return true;
        }

        if (DateTime.TryParseExact(text, IsoFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out utc))
        {
            utc = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
            return true;
        }

        return false;
    }

    /// <summary>
    /// <see cref="TryParseUtc(ReadOnlySpan{char}, out DateTime)"/> of UTF-8 text, without a copy for the form exchanges
    /// send (a JSON string value that has no escapes, straight from the message bytes).
    /// </summary>
    public static bool TryParseUtc(ReadOnlySpan<byte> utf8, out DateTime utc)
    {
        if (TryParseZulu(utf8, out utc))
        {
            return true;
        }

        if (utf8.Length > 256)
        {
            return TryParseUtc(System.Text.Encoding.UTF8.GetString(utf8), out utc);
        }

        // Invalid UTF-8 becomes U+FFFD, which no format accepts; 256 bytes always fit 256 chars.
        Span<char> text = stackalloc char[256];
        var written = System.Text.Encoding.UTF8.GetChars(utf8, text);
        return TryParseUtc(text[..written], out utc);
    }

    /// <summary>
    /// The fast path for the form exchanges send, <c>yyyy-MM-ddTHH:mm:ss[.f…]Z</c> with up to 7 fraction digits, over
    /// UTF-16 or UTF-8 text: the tick path parses one per trade, and the culture-aware parser costs more than the rest of
    /// the message. Anything else, or anything out of range, is left to the general parser (so the two can never disagree
    /// on what is accepted).
    /// </summary>
    private static bool TryParseZulu<T>(ReadOnlySpan<T> s, out DateTime utc)
        where T : unmanaged, IBinaryInteger<T>
    {
        utc = default;
        if (s.Length < 20 || At(s, s.Length - 1) != 'Z' || At(s, 4) != '-' || At(s, 7) != '-' || At(s, 10) != 'T' || At(s, 13) != ':' || At(s, 16) != ':')
        {
            return false;
        }

        if (!TryDigits(s, 0, 4, out var year) || !TryDigits(s, 5, 2, out var month) || !TryDigits(s, 8, 2, out var day)
            || !TryDigits(s, 11, 2, out var hour) || !TryDigits(s, 14, 2, out var minute) || !TryDigits(s, 17, 2, out var second))
        {
            return false;
        }

        var fractionTicks = 0;
        if (s.Length > 20)
        {
            var digits = s.Length - 21;
            if (At(s, 19) != '.' || digits < 1 || digits > 7 || !TryDigits(s, 20, digits, out fractionTicks))
            {
                return false;
            }

            for (var i = digits; i < 7; i++)
            {
                fractionTicks *= 10;
            }
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        utc = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(fractionTicks);
        return true;
    }

    private static int At<T>(ReadOnlySpan<T> s, int index)
        where T : unmanaged, IBinaryInteger<T> => int.CreateTruncating(s[index]);

    private static bool TryDigits<T>(ReadOnlySpan<T> s, int start, int count, out int value)
        where T : unmanaged, IBinaryInteger<T>
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var d = At(s, i) - '0';
            if ((uint)d > 9)
            {
                return false;
            }

            value = (value * 10) + d;
        }

        return true;
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
