using System.Globalization;
using System.Text;
using System.Text.Json;
using MarketIntel.Core.Market.Csv;
using MarketIntel.Core.Storage;

namespace MarketIntel.Ingestion.Providers;

/// <summary>
/// Reading provider JSON strictly: each accessor checks the value's kind and format and otherwise throws a
/// <see cref="PayloadFormatException"/> naming the provider, the field path and what the documentation promises.
/// </summary>
internal static class Json
{
    public static JsonDocument Parse(string provider, ReadOnlyMemory<byte> body)
    {
        try
        {
            var document = JsonDocument.Parse(body);
            try
            {
                ThrowIfInvalidEscapes(body.Span);
            }
            catch (JsonException)
            {
                document.Dispose();
                throw;
            }

            return document;
        }
        catch (JsonException ex)
        {
            throw new PayloadFormatException(provider, "$", $"is not valid JSON ({ex.Message})");
        }
    }

    /// <summary>
    /// Throws <see cref="JsonException"/> when a string or property name escapes a lone UTF-16 surrogate (<c>"\ud800"</c>):
    /// the readers accept it as JSON, then throw <see cref="InvalidOperationException"/> from whichever <c>GetString</c>
    /// or name comparison meets it (found by fuzzing). Only bodies with a <c>\u</c> escape are read again.
    /// </summary>
    public static void ThrowIfInvalidEscapes(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IndexOf("\\u"u8) < 0)
        {
            return;
        }

        var reader = new Utf8JsonReader(utf8);
        while (reader.Read())
        {
            ThrowIfInvalidEscape(ref reader);
        }
    }

    /// <summary>The check of <see cref="ThrowIfInvalidEscapes"/> for the reader's current token.</summary>
    public static void ThrowIfInvalidEscape(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
        {
            try
            {
                reader.GetString();
            }
            catch (InvalidOperationException ex)
            {
                throw new JsonException($"a string escapes a lone UTF-16 surrogate at byte {reader.TokenStartIndex}", null, null, reader.TokenStartIndex, ex);
            }
        }
    }

    public static JsonElement Array(string provider, JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Array ? value : throw Wrong(provider, path, "an array", value);

    public static JsonElement Object(string provider, JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Object ? value : throw Wrong(provider, path, "an object", value);

    public static JsonElement Property(string provider, JsonElement obj, string name, string path) =>
        obj.TryGetProperty(name, out var value) ? value : throw new PayloadFormatException(provider, path + "." + name, "is missing");

    /// <summary>Item <paramref name="index"/> of an array; <paramref name="fieldPath"/> names it in errors (<c>$[3][5] volume</c>).</summary>
    public static JsonElement Item(string provider, JsonElement array, int index, string fieldPath) =>
        index < array.GetArrayLength() ? array[index] : throw new PayloadFormatException(provider, fieldPath, $"is missing (the row has {array.GetArrayLength()} items)");

    public static long Int64(string provider, JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n : throw Wrong(provider, path, "a whole number", value);

    public static double Number(string provider, JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var d) && double.IsFinite(d) ? d : throw Wrong(provider, path, "a number", value);

    public static decimal DecimalNumber(string provider, JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var d) ? d : throw Wrong(provider, path, "a number", value);

    /// <summary>A price sent as a decimal string (<c>"42000.10"</c>), as Binance and Coinbase do to keep precision.</summary>
    public static double PriceString(string provider, JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.String && MarketText.TryParseDouble(value.GetString(), out var d) && double.IsFinite(d) ? d : throw Wrong(provider, path, "a decimal string", value);

    public static decimal DecimalString(string provider, JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.String && MarketText.TryParseDecimal(value.GetString(), out var d) ? d : throw Wrong(provider, path, "a decimal string", value);

    public static string String(string provider, JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Wrong(provider, path, "a string", value);

    /// <summary>An RFC 3339 timestamp (<c>2024-01-02T14:30:00Z</c>, any fraction, any offset), as UTC.</summary>
    public static DateTime Timestamp(string provider, JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t.UtcDateTime
            : throw Wrong(provider, path, "an RFC 3339 timestamp", value);

    public static DateTime UnixMilliseconds(string provider, JsonElement value, string path)
    {
        var ms = Int64(provider, value, path);
        return ms is >= 0 and < 253_402_300_800_000 ? BarRecordRules.FromUnixMilliseconds(ms) : throw Wrong(provider, path, "Unix milliseconds", value);
    }

    public static DateTime UnixSeconds(string provider, JsonElement value, string path)
    {
        var s = Int64(provider, value, path);
        return s is >= 0 and < 253_402_300_800 ? DateTime.UnixEpoch.AddSeconds(s) : throw Wrong(provider, path, "Unix seconds", value);
    }

    /// <summary>Up to 200 characters of an error body, for messages when it is not the documented error shape.</summary>
    public static string Excerpt(ReadOnlySpan<byte> body)
    {
        var text = Encoding.UTF8.GetString(body.Length > 200 ? body[..200] : body).ReplaceLineEndings(" ").Trim();
        return text.Length == 0 ? "(empty body)" : text;
    }

    private static PayloadFormatException Wrong(string provider, string path, string expected, JsonElement value) =>
        new(provider, path, $"should be {expected} but is {Describe(value)}");

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{Shorten(value.GetString() ?? string.Empty)}\"",
        JsonValueKind.Number => "the number " + Shorten(value.GetRawText()),
        JsonValueKind.Null => "null",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => value.ValueKind.ToString(),
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
