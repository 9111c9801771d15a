using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using MarketIntel.Core.Market;
using MarketIntel.Core.Market.Csv;

namespace MarketIntel.Ingestion.Streaming;

/// <summary>
/// The JSON tick message the Event Hub carries, one trade per message:
/// <code>{"symbol":"BTC-USD","price":64123.5,"size":0.015,"time":"2026-11-21T05:00:01.250Z","tradeId":"8123456","side":"buy"}</code>
/// <list type="bullet">
/// <item><c>symbol</c> (string, required): a canonical symbol (<see cref="Symbol.IsValid"/>);</item>
/// <item><c>price</c> (number, required): finite and &gt; 0;</item>
/// <item><c>size</c> (number, required): finite and &gt;= 0, read as an exact decimal from the JSON text;</item>
/// <item><c>time</c> (required): an ISO 8601 string (no offset means UTC) or a number of milliseconds since the Unix epoch;</item>
/// <item><c>tradeId</c> (string or integer, required): the venue's trade id, unique per symbol; it is what makes a
/// re-delivered message recognisable, so a message without one is rejected;</item>
/// <item><c>side</c> (string, optional): <c>buy</c> or <c>sell</c> (the aggressor); informational only.</item>
/// </list>
/// Property names are case-sensitive camelCase; unknown properties are ignored so producers can add fields.
/// </summary>
public static class TickMessageFormat
{
    private const int MaxKnownSymbols = 16_384;
    private static readonly ConcurrentDictionary<string, Symbol> KnownSymbols = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Symbol>.AlternateLookup<ReadOnlySpan<char>> KnownSymbolsBySpan = KnownSymbols.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// Writes a tick as a message that <see cref="TryParse"/> reads back to an equal tick: the price as the shortest
    /// round-trip number, the size as an exact decimal, the time to the 100 ns tick, a numeric trade id as a number.
    /// </summary>
    public static string Format(in Tick tick)
    {
        var buffer = new ArrayBufferWriter<byte>(160);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("symbol"u8, tick.Symbol.Value);
            writer.WriteNumber("price"u8, tick.Price);
            writer.WriteNumber("size"u8, tick.Size);
            writer.WriteString("time"u8, tick.Timestamp.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            if (tick.TradeId.TryGetNumber(out var number))
            {
                writer.WriteNumber("tradeId"u8, number);
            }
            else
            {
                writer.WriteString("tradeId"u8, tick.TradeId.ToString());
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Parses one message; false with a reason (<c>malformed</c> or <c>invalid</c>) and a detail naming the field.</summary>
    /// <remarks>
    /// One forward pass of <see cref="Utf8JsonReader"/> (no document object: this runs once per Event Hub message): the
    /// whole message is read first, so a message that is not JSON is <c>malformed</c> whatever its fields; then the
    /// fields are checked in the order above. A repeated property counts with its last value.
    /// </remarks>
    public static bool TryParse(string? message, out Tick tick, out string reason, out string detail)
    {
        tick = default;
        reason = string.Empty;
        detail = string.Empty;
        if (string.IsNullOrWhiteSpace(message))
        {
            return Fail(Providers.RejectReasons.Malformed, "empty message", out reason, out detail);
        }

        var length = Encoding.UTF8.GetMaxByteCount(message.Length);
        var rented = length <= 1024 ? null : ArrayPool<byte>.Shared.Rent(length);
        try
        {
            Span<byte> buffer = rented ?? stackalloc byte[1024];
            var utf8 = buffer[..Encoding.UTF8.GetBytes(message, buffer)];
            scoped Fields fields;
            try
            {
                fields = Read(utf8);
            }
            catch (JsonException ex)
            {
                return Fail(Providers.RejectReasons.Malformed, $"not JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine})", out reason, out detail);
            }

            if (fields.Root != JsonValueKind.Object)
            {
                return Fail(Providers.RejectReasons.Malformed, $"expected a JSON object, got {fields.Root}", out reason, out detail);
            }

            return TryRead(utf8, fields, out tick, out detail) || Fail(Providers.RejectReasons.Invalid, detail, out reason, out detail);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// Reads the whole message once (throwing <see cref="JsonException"/> when it is not JSON) and keeps a reader positioned
    /// on each known field's value, so the values are read without a second pass.
    /// </summary>
    private static Fields Read(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        var fields = default(Fields);
        if (!reader.Read())
        {
            throw new JsonException("Empty JSON.", null, 0, 0);
        }

        fields.Root = reader.TokenType switch
        {
            JsonTokenType.StartObject => JsonValueKind.Object,
            JsonTokenType.StartArray => JsonValueKind.Array,
            JsonTokenType.String => JsonValueKind.String,
            JsonTokenType.Number => JsonValueKind.Number,
            JsonTokenType.True => JsonValueKind.True,
            JsonTokenType.False => JsonValueKind.False,
            _ => JsonValueKind.Null,
        };
        if (fields.Root == JsonValueKind.Object)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                // A lone escaped surrogate made the name comparison or GetString below throw InvalidOperationException (found by fuzzing).
                Providers.Json.ThrowIfInvalidEscape(ref reader);
                ref var field = ref fields.Slot(ref reader);
                reader.Read();
                Providers.Json.ThrowIfInvalidEscape(ref reader);
                if (!Unsafe.IsNullRef(ref field))
                {
                    field = new Value(reader.TokenType, reader);
                }

                reader.Skip();
            }
        }
        else
        {
            reader.Skip();
        }

        // Content after the value is not JSON, as for JsonDocument.
        while (reader.Read())
        {
        }

        return fields;
    }

    private static bool TryRead(ReadOnlySpan<byte> utf8, in Fields fields, out Tick tick, out string error)
    {
        tick = default;
        if (fields.Symbol.Kind != JsonTokenType.String)
        {
            error = "symbol: a string is required";
            return false;
        }

        if (!TrySymbol(fields.Symbol.Reader, out var symbol, out var why))
        {
            error = $"symbol: {why}";
            return false;
        }

        if (fields.Price.Kind != JsonTokenType.Number || !fields.Price.Reader.TryGetDouble(out var price) || !double.IsFinite(price) || price <= 0)
        {
            error = "price: a finite number > 0 is required";
            return false;
        }

        if (fields.Size.Kind != JsonTokenType.Number || !fields.Size.Reader.TryGetDecimal(out var size) || size < 0)
        {
            error = "size: a number >= 0 is required";
            return false;
        }

        if (!TryTime(utf8, fields.Time, out var time, out error) || !TryTradeId(utf8, fields.TradeId, out var tradeId, out error))
        {
            return false;
        }

        if (fields.Side.Kind is not (JsonTokenType.None or JsonTokenType.Null)
            && !(fields.Side.Kind == JsonTokenType.String && (fields.Side.Reader.ValueTextEquals("buy"u8) || fields.Side.Reader.ValueTextEquals("sell"u8))))
        {
            error = "side: 'buy' or 'sell' when present";
            return false;
        }

        tick = new Tick(time, symbol, price, size, tradeId);
        return true;
    }

    /// <summary>
    /// The symbol, from the symbols seen before when it is one of them (no string and no validation per trade: a stream
    /// repeats a few hundred symbols), else checked and remembered while fewer than <see cref="MaxKnownSymbols"/> are.
    /// </summary>
    private static bool TrySymbol(Utf8JsonReader value, out Symbol symbol, out string why)
    {
        Span<char> text = stackalloc char[64];
        if (value.ValueSpan.Length <= text.Length && !value.ValueIsEscaped)
        {
            var chars = text[..value.CopyString(text)];
            if (KnownSymbolsBySpan.TryGetValue(chars, out symbol))
            {
                why = string.Empty;
                return true;
            }
        }

        var name = value.GetString()!;
        if (!Symbol.IsValid(name, out why))
        {
            symbol = default;
            return false;
        }

        symbol = new Symbol(name);
        if (KnownSymbols.Count < MaxKnownSymbols)
        {
            KnownSymbols.TryAdd(name, symbol);
        }

        return true;
    }

    private static bool TryTime(ReadOnlySpan<byte> utf8, Value value, out DateTime time, out string error)
    {
        time = default;
        error = "time: an ISO 8601 UTC string or Unix epoch milliseconds is required";
        if (value.Kind == JsonTokenType.String)
        {
            // Parsed from the message bytes (or a stack copy when escaped): a string per trade is the path's largest allocation otherwise.
            var reader = value.Reader;
            if (!reader.ValueIsEscaped)
            {
                return MarketText.TryParseUtc(reader.ValueSpan, out time);
            }

            if (reader.ValueSpan.Length > 64)
            {
                return MarketText.TryParseUtc(reader.GetString(), out time);
            }

            Span<char> text = stackalloc char[64];
            return MarketText.TryParseUtc(text[..reader.CopyString(text)], out time);
        }

        if (value.Kind == JsonTokenType.Number && value.Reader.TryGetInt64(out var ms)
            && ms >= 0 && ms <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            time = DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime;
            return true;
        }

        return false;
    }

    private static bool TryTradeId(ReadOnlySpan<byte> utf8, Value value, out TradeId id, out string error)
    {
        id = default;
        error = "tradeId: a non-empty string or an integer is required";
        if (value.Kind == JsonTokenType.Number)
        {
            if (!value.Reader.TryGetInt64(out var n))
            {
                return false;
            }

            id = new TradeId(n);
            return true;
        }

        if (value.Kind != JsonTokenType.String || value.Reader.GetString() is not { Length: > 0 } text)
        {
            return false;
        }

        id = TradeId.Parse(text);
        return true;
    }

    /// <summary>A reader positioned on a value noted by <see cref="Read"/> (the message was validated as a whole already).</summary>
    /// <summary>A field's value: its token type and a reader positioned on it.</summary>
    private readonly ref struct Value(JsonTokenType kind, Utf8JsonReader reader)
    {
        public JsonTokenType Kind { get; } = kind;

        public Utf8JsonReader Reader { get; } = reader;
    }

    private ref struct Fields
    {
        public JsonValueKind Root;
        public Value Symbol;
        public Value Price;
        public Value Size;
        public Value Time;
        public Value TradeId;
        public Value Side;

        /// <summary>The slot of the property the reader is on (names are case-sensitive), or a null reference for an unknown one.</summary>
        [UnscopedRef]
        public ref Value Slot(ref Utf8JsonReader reader)
        {
            if (reader.ValueTextEquals("symbol"u8))
            {
                return ref Symbol;
            }

            if (reader.ValueTextEquals("price"u8))
            {
                return ref Price;
            }

            if (reader.ValueTextEquals("size"u8))
            {
                return ref Size;
            }

            if (reader.ValueTextEquals("time"u8))
            {
                return ref Time;
            }

            if (reader.ValueTextEquals("tradeId"u8))
            {
                return ref TradeId;
            }

            if (reader.ValueTextEquals("side"u8))
            {
                return ref Side;
            }

            return ref Unsafe.NullRef<Value>();
        }
    }

    private static bool Fail(string why, string message, out string reason, out string detail)
    {
        reason = why;
        detail = message;
        return false;
    }
}
