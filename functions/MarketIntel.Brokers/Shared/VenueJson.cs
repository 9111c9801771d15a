using System.Globalization;
using System.Text.Json;
using MarketIntel.Core.Brokerage;

namespace MarketIntel.Brokers.Shared;

/// <summary>
/// Field reads of a venue's JSON that name the venue, the object and the field when something is missing or malformed
/// (a <see cref="BrokerException"/> of kind <see cref="BrokerErrorKind.Protocol"/>). Numbers are read whether the venue
/// sends them as numbers or as strings; times accept ISO 8601 with <c>Z</c>, <c>+00:00</c> or Schwab's <c>+0000</c>.
/// </summary>
public sealed class VenueJson(string broker)
{
    public string Broker { get; } = broker;

    public string Text(JsonElement e, string what, string field) =>
        OptionalText(e, field) ?? throw Protocol(what, field, "a string is required");

    public static string? OptionalText(JsonElement e, string field) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public double? Number(JsonElement e, string what, string field)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind == JsonValueKind.Number)
        {
            return v.GetDouble();
        }

        return v.ValueKind == JsonValueKind.String && double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
            ? d
            : throw Protocol(what, field, $"'{v}' is not a number");
    }

    public DateTime Time(JsonElement e, string what, string field) =>
        OptionalTime(e, what, field) ?? throw Protocol(what, field, "a time is required");

    public DateTime? OptionalTime(JsonElement e, string what, string field)
    {
        if (OptionalText(e, field) is not { } text)
        {
            return null;
        }

        // Schwab writes offsets without a colon (+0000), which DateTimeOffset does not read.
        if (text.Length > 5 && text[^5] is '+' or '-' && text[^4..].All(char.IsAsciiDigit))
        {
            text = text[..^2] + ":" + text[^2..];
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t.UtcDateTime
            : throw Protocol(what, field, $"'{text}' is not a time");
    }

    public BrokerException Protocol(string what, string field, string message) =>
        new(Broker, BrokerErrorKind.Protocol, BrokerReasonCodes.ProtocolError, $"{what}.{field}: {message}");

    public JsonDocument Parse(string text, string what)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            throw Protocol(what, "(body)", $"not JSON: {ex.Message}");
        }
    }

    /// <summary>First matching (lower-case fragment, code) of <paramref name="table"/> in <paramref name="message"/>, else <paramref name="fallback"/>.</summary>
    public static string ReasonOf(IReadOnlyList<(string Fragment, string Code)> table, string? message, string fallback)
    {
        var text = message?.ToLowerInvariant() ?? "";
        foreach (var (fragment, code) in table)
        {
            if (text.Contains(fragment, StringComparison.Ordinal))
            {
                return code;
            }
        }

        return fallback;
    }
}
