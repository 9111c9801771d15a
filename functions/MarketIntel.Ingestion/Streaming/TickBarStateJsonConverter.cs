using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MarketIntel.Ingestion.Streaming;

/// <summary>
/// Writes and reads <see cref="TickBarState"/> by hand, in exactly the form the reflection serializer gave it under the
/// stores' convention (camelCase names in declaration order, nulls omitted when the options omit them, the volume through
/// the options' own decimal converter), so states stored before and after read alike. Why by hand: every tick batch
/// writes one state per touched bar, and the reflection writer allocated its write stack and walked the metadata for
/// each of them, about a tenth of the tick path's allocation. Names are matched exactly, else ignoring case, and unknown
/// properties are skipped, as the serializer does under the web defaults; numbers are read from numbers or from strings
/// holding a plain number (as <see cref="JsonNumberHandling.AllowReadingFromString"/> reads them), anything else is a
/// <see cref="JsonException"/>. Made for the stores' options: the names are always camelCase and, of the ignore
/// conditions, only <see cref="JsonIgnoreCondition.WhenWritingNull"/> omits anything (nulls).
/// </summary>
public sealed class TickBarStateJsonConverter : JsonConverter<TickBarState>
{
    private static readonly JsonEncodedText OpenTimeName = JsonEncodedText.Encode("openTime");
    private static readonly JsonEncodedText OpenName = JsonEncodedText.Encode("open");
    private static readonly JsonEncodedText OpenTickTimeName = JsonEncodedText.Encode("openTickTime");
    private static readonly JsonEncodedText HighName = JsonEncodedText.Encode("high");
    private static readonly JsonEncodedText LowName = JsonEncodedText.Encode("low");
    private static readonly JsonEncodedText CloseName = JsonEncodedText.Encode("close");
    private static readonly JsonEncodedText CloseTickTimeName = JsonEncodedText.Encode("closeTickTime");
    private static readonly JsonEncodedText VolumeName = JsonEncodedText.Encode("volume");
    private static readonly JsonEncodedText TradesName = JsonEncodedText.Encode("trades");
    private static readonly JsonEncodedText IdRangesName = JsonEncodedText.Encode("idRanges");
    private static readonly JsonEncodedText TextIdHashesName = JsonEncodedText.Encode("textIdHashes");
    private static readonly JsonEncodedText AbsorbedIdsName = JsonEncodedText.Encode("absorbedIds");
    private static readonly JsonEncodedText TradeIdsName = JsonEncodedText.Encode("tradeIds");

    public override void Write(Utf8JsonWriter writer, TickBarState value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(options);
        var omitNulls = options.DefaultIgnoreCondition == JsonIgnoreCondition.WhenWritingNull;
        writer.WriteStartObject();
        writer.WriteString(OpenTimeName, value.OpenTime);
        writer.WriteNumber(OpenName, value.Open);
        writer.WriteString(OpenTickTimeName, value.OpenTickTime);
        writer.WriteNumber(HighName, value.High);
        writer.WriteNumber(LowName, value.Low);
        writer.WriteNumber(CloseName, value.Close);
        writer.WriteString(CloseTickTimeName, value.CloseTickTime);
        writer.WritePropertyName(VolumeName);
        DecimalConverter(options).Write(writer, value.Volume, options);
        writer.WriteNumber(TradesName, value.Trades);
        if (value.IdRanges is { } ranges)
        {
            writer.WriteStartArray(IdRangesName);
            for (var i = 0; i < ranges.Count; i++)
            {
                writer.WriteNumberValue(ranges[i]);
            }

            writer.WriteEndArray();
        }
        else if (!omitNulls)
        {
            writer.WriteNull(IdRangesName);
        }

        if (value.TextIdHashes is { } hashes)
        {
            writer.WriteBase64String(TextIdHashesName, hashes);
        }
        else if (!omitNulls)
        {
            writer.WriteNull(TextIdHashesName);
        }

        writer.WriteNumber(AbsorbedIdsName, value.AbsorbedIds);
        if (value.TradeIds is { } legacy)
        {
            writer.WriteStartArray(TradeIdsName);
            foreach (var id in legacy)
            {
                writer.WriteStringValue(id);
            }

            writer.WriteEndArray();
        }
        else if (!omitNulls)
        {
            writer.WriteNull(TradeIdsName);
        }

        writer.WriteEndObject();
    }

    public override TickBarState? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"A tick bar state is a JSON object, not {reader.TokenType}.");
        }

        DateTime openTime = default, openTickTime = default, closeTickTime = default;
        double open = 0, high = 0, low = 0, close = 0;
        decimal volume = 0;
        long trades = 0, absorbedIds = 0;
        long[]? idRanges = null;
        byte[]? textIdHashes = null;
        List<string>? tradeIds = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = Name(ref reader);
            reader.Read();
            switch (name)
            {
                case Property.OpenTime: openTime = reader.GetDateTime(); break;
                case Property.Open: open = Double(ref reader); break;
                case Property.OpenTickTime: openTickTime = reader.GetDateTime(); break;
                case Property.High: high = Double(ref reader); break;
                case Property.Low: low = Double(ref reader); break;
                case Property.Close: close = Double(ref reader); break;
                case Property.CloseTickTime: closeTickTime = reader.GetDateTime(); break;
                case Property.Volume: volume = Decimal(ref reader); break;
                case Property.Trades: trades = Int64(ref reader); break;
                case Property.IdRanges: idRanges = reader.TokenType == JsonTokenType.Null ? null : Int64Array(ref reader); break;
                case Property.TextIdHashes: textIdHashes = reader.TokenType == JsonTokenType.Null ? null : reader.GetBytesFromBase64(); break;
                case Property.AbsorbedIds: absorbedIds = Int64(ref reader); break;
                case Property.TradeIds: tradeIds = reader.TokenType == JsonTokenType.Null ? null : StringList(ref reader); break;
                default: Skip(ref reader); break;
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            throw new JsonException($"A tick bar state's object ended at {reader.TokenType}.");
        }

        return new TickBarState(openTime, open, openTickTime, high, low, close, closeTickTime, volume, trades, idRanges, textIdHashes, absorbedIds) { TradeIds = tradeIds };
    }

    private enum Property
    {
        Unknown,
        OpenTime,
        Open,
        OpenTickTime,
        High,
        Low,
        Close,
        CloseTickTime,
        Volume,
        Trades,
        IdRanges,
        TextIdHashes,
        AbsorbedIds,
        TradeIds,
    }

    private static readonly (JsonEncodedText Name, Property Property)[] Names =
    [
        (OpenTimeName, Property.OpenTime), (OpenName, Property.Open), (OpenTickTimeName, Property.OpenTickTime), (HighName, Property.High),
        (LowName, Property.Low), (CloseName, Property.Close), (CloseTickTimeName, Property.CloseTickTime), (VolumeName, Property.Volume),
        (TradesName, Property.Trades), (IdRangesName, Property.IdRanges), (TextIdHashesName, Property.TextIdHashes),
        (AbsorbedIdsName, Property.AbsorbedIds), (TradeIdsName, Property.TradeIds),
    ];

    private static Property Name(ref Utf8JsonReader reader)
    {
        foreach (var (name, property) in Names)
        {
            if (reader.ValueTextEquals(name.EncodedUtf8Bytes))
            {
                return property;
            }
        }

        // Not in the stored form's case: compared as the web defaults' case-insensitive names are.
        var text = reader.GetString();
        foreach (var (name, property) in Names)
        {
            if (string.Equals(text, name.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return property;
            }
        }

        return Property.Unknown;
    }

    private static JsonConverter<decimal> DecimalConverter(JsonSerializerOptions options) => (JsonConverter<decimal>)options.GetConverter(typeof(decimal));

    // An unknown property's value, nested or not; TrySkip because the serializer may hand a converter a partial buffer
    // (reading from a stream), where Skip throws although the whole object has been read ahead.
    private static void Skip(ref Utf8JsonReader reader)
    {
        if (!reader.TrySkip())
        {
            throw new JsonException("A tick bar state's unknown property could not be skipped.");
        }
    }

    // Utf8Parser also reads "NaN" and "Infinity", which the serializer refuses without AllowNamedFloatingPointLiterals.
    private static double Double(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String
            ? FromString(ref reader, static (ReadOnlySpan<byte> text, out double value, out int consumed) => Utf8Parser.TryParse(text, out value, out consumed) && double.IsFinite(value), "number")
            : reader.GetDouble();

    private static long Int64(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String
            ? FromString(ref reader, static (ReadOnlySpan<byte> text, out long value, out int consumed) => Utf8Parser.TryParse(text, out value, out consumed), "whole number")
            : reader.GetInt64();

    // The stores write the volume as a string (exact through Cosmos DB's doubles); a number is read as well.
    private static decimal Decimal(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String
            ? FromString(ref reader, static (ReadOnlySpan<byte> text, out decimal value, out int consumed) => Utf8Parser.TryParse(text, out value, out consumed), "decimal")
            : reader.GetDecimal();

    private delegate bool Utf8Parse<T>(ReadOnlySpan<byte> text, out T value, out int consumed);

    /// <summary>A string token holding nothing but a number in invariant form ("NaN", spaces or a trailing letter are errors).</summary>
    private static T FromString<T>(ref Utf8JsonReader reader, Utf8Parse<T> parse, string what)
    {
        ReadOnlySpan<byte> text = reader.HasValueSequence || reader.ValueIsEscaped ? System.Text.Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan;
        return parse(text, out var value, out var consumed) && consumed == text.Length && text.Length > 0
            ? value
            : throw new JsonException($"A tick bar state holds \"{reader.GetString()}\" where a {what} belongs.");
    }

    private static long[] Int64Array(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"A tick bar state's idRanges is an array of numbers, not {reader.TokenType}.");
        }

        var values = new List<long>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            values.Add(Int64(ref reader));
        }

        return [.. values];
    }

    private static List<string> StringList(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"A tick bar state's tradeIds is an array of strings, not {reader.TokenType}.");
        }

        var values = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            values.Add(reader.GetString() ?? throw new JsonException("A tick bar state's tradeIds holds a null."));
        }

        return values;
    }
}
