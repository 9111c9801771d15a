using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using MarketIntel.Core.Market;
using MarketIntel.Core.Market.Csv;

namespace MarketIntel.Api;

/// <summary>Query-string parsing with errors that name the parameter.</summary>
public static class QueryParsing
{
    public static bool TryTimeframe(string? text, Timeframe fallback, out Timeframe timeframe, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (string.IsNullOrEmpty(text))
        {
            timeframe = fallback;
            return true;
        }

        return Timeframe.TryParse(text, out timeframe, out var message) || Fail(message, out error);
    }

    public static bool TryTime(string? text, out DateTime? time, [NotNullWhen(false)] out string? error)
    {
        time = null;
        error = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (MarketText.TryParseUtc(text, out var t))
        {
            time = t;
            return true;
        }

        return Fail($"'{text}' is not an ISO 8601 time (e.g. 2024-03-09T23:50:00Z)", out error);
    }

    public static bool TryLimit(string? text, int fallback, int max, out int limit, [NotNullWhen(false)] out string? error)
    {
        error = null;
        limit = fallback;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > max)
        {
            return Fail($"'{text}' is not a whole number from 1 to {max}", out error);
        }

        return true;
    }

    private static bool Fail(string message, out string error)
    {
        error = message;
        return false;
    }
}
