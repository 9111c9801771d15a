using System.Text;

namespace MarketIntel.Core.Storage;

/// <summary>
/// Builds ids and partition keys from parts (<c>AAPL|1m|2024-01</c>). Parts are escaped so that any text, including
/// symbols such as <c>BTC/USD</c>, gives a key Cosmos DB accepts in an id (no <c>/ \ ? #</c>) and that splits back
/// unambiguously on <c>|</c>.
/// </summary>
public static class StorageKey
{
    public const char Separator = '|';

    /// <summary>The longest id Cosmos DB accepts (in bytes of UTF-8; ids here are ASCII after escaping).</summary>
    public const int MaxIdLength = 255;

    public static string Compose(params string[] parts)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(Separator);
            }

            Escape(parts[i], builder);
        }

        return builder.ToString();
    }

    public static string Escape(string part)
    {
        var builder = new StringBuilder(part.Length);
        Escape(part, builder);
        return builder.ToString();
    }

    /// <summary>
    /// An id that sorts by time: <c>20240701T120000.0000000Z|suffix</c>. Records of a time series (system events,
    /// orchestration runs, regime states) get ids like this, so that <see cref="RecordQuery.IdFrom"/> and
    /// <see cref="RecordQuery.IdTo"/> select a time window with <see cref="TimeOrdered(DateTimeOffset)"/> bounds.
    /// </summary>
    public static string TimeOrdered(DateTimeOffset time, string suffix) => TimeOrdered(time) + Separator + Escape(suffix);

    /// <summary>The time part alone: a window bound for <see cref="RecordQuery.IdFrom"/> and <see cref="RecordQuery.IdTo"/>.</summary>
    public static string TimeOrdered(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// A deterministic id part for records without a natural key: the first 128 bits of the SHA-256 of the parts,
    /// as hex. The same content written twice (a retry) gets the same id.
    /// </summary>
    public static string Hash(params string[] parts)
    {
        var bytes = Encoding.UTF8.GetBytes(Compose(parts));
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes).AsSpan(0, 16));
    }

    /// <summary>Null when <paramref name="id"/> is a valid record id; otherwise why it is not.</summary>
    public static string? ValidateId(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return "an id cannot be empty";
        }

        if (Encoding.UTF8.GetByteCount(id) > MaxIdLength)
        {
            return $"an id has at most {MaxIdLength} bytes";
        }

        foreach (var c in id)
        {
            if (c is '/' or '\\' or '?' or '#' || char.IsControl(c))
            {
                return $"character '{(char.IsControl(c) ? "\\u" + ((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture) : c.ToString())}' is not allowed in an id (compose ids with StorageKey.Compose)";
            }
        }

        return id.EndsWith(' ') ? "an id cannot end with a space" : null;
    }

    private static void Escape(string part, StringBuilder builder)
    {
        foreach (var c in part)
        {
            // Percent-escape the separator, the escape character and what Cosmos DB forbids in ids.
            if (c is '%' or '|' or '/' or '\\' or '?' or '#' || char.IsControl(c))
            {
                builder.Append('%').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }
    }
}
