using System.Globalization;
using MarketIntel.Core.Storage;

namespace MarketIntel.Ingestion.Providers;

/// <summary>Time cursors (<c>t&lt;unix ms&gt;</c>) for providers that page by time.</summary>
public static class BarCursor
{
    public static string From(DateTime utc) => "t" + BarRecordRules.ToUnixMilliseconds(utc).ToString(CultureInfo.InvariantCulture);

    /// <summary>The time a cursor names, or <paramref name="fallback"/> for the first page.</summary>
    /// <exception cref="ArgumentException">Not a time cursor.</exception>
    public static DateTime Parse(string? cursor, DateTime fallback)
    {
        if (cursor is null)
        {
            return fallback;
        }

        if (cursor.Length < 2 || cursor[0] != 't' || !long.TryParse(cursor.AsSpan(1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms))
        {
            throw new ArgumentException($"'{cursor}' is not a time cursor (t<unix ms>).", nameof(cursor));
        }

        return BarRecordRules.FromUnixMilliseconds(ms);
    }
}
