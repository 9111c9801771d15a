using System.Globalization;
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
    /// <summary>Parses one message; false with a reason (<c>malformed</c> or <c>invalid</c>) and a detail naming the field.</summary>
    public static bool TryParse(string? message, out Tick tick, out string reason, out string detail)
    {
        tick = default;
        reason = string.Empty;
        detail = string.Empty;
        if (string.IsNullOrWhiteSpace(message))
        {
            return Fail(Providers.RejectReasons.Malformed, "empty message", out reason, out detail);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(message);
        }
        catch (JsonException ex)
        {
            return Fail(Providers.RejectReasons.Malformed, $"not JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine})", out reason, out detail);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Fail(Providers.RejectReasons.Malformed, $"expected a JSON object, got {root.ValueKind}", out reason, out detail);
            }

            return TryRead(root, out tick, out detail) || Fail(Providers.RejectReasons.Invalid, detail, out reason, out detail);
        }
    }

    private static bool TryRead(JsonElement root, out Tick tick, out string error)
    {
        tick = default;
        if (!root.TryGetProperty("symbol", out var symbolElement) || symbolElement.ValueKind != JsonValueKind.String)
        {
            error = "symbol: a string is required";
            return false;
        }

        var symbol = symbolElement.GetString()!;
        if (!Symbol.IsValid(symbol, out var why))
        {
            error = $"symbol: {why}";
            return false;
        }

        if (!root.TryGetProperty("price", out var priceElement) || priceElement.ValueKind != JsonValueKind.Number
            || !priceElement.TryGetDouble(out var price) || !double.IsFinite(price) || price <= 0)
        {
            error = "price: a finite number > 0 is required";
            return false;
        }

        if (!root.TryGetProperty("size", out var sizeElement) || sizeElement.ValueKind != JsonValueKind.Number
            || !sizeElement.TryGetDecimal(out var size) || size < 0)
        {
            error = "size: a number >= 0 is required";
            return false;
        }

        if (!TryTime(root, out var time, out error) || !TryTradeId(root, out var tradeId, out error))
        {
            return false;
        }

        if (root.TryGetProperty("side", out var side) && side.ValueKind != JsonValueKind.Null
            && !(side.ValueKind == JsonValueKind.String && (side.ValueEquals("buy") || side.ValueEquals("sell"))))
        {
            error = "side: 'buy' or 'sell' when present";
            return false;
        }

        tick = new Tick(time, new Symbol(symbol), price, size, tradeId);
        return true;
    }

    private static bool TryTime(JsonElement root, out DateTime time, out string error)
    {
        time = default;
        error = "time: an ISO 8601 UTC string or Unix epoch milliseconds is required";
        if (!root.TryGetProperty("time", out var element))
        {
            return false;
        }

        if (element.ValueKind == JsonValueKind.String)
        {
            return MarketText.TryParseUtc(element.GetString(), out time);
        }

        if (element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out var ms)
            && ms >= 0 && ms <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            time = DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime;
            return true;
        }

        return false;
    }

    private static bool TryTradeId(JsonElement root, out TradeId id, out string error)
    {
        id = default;
        error = "tradeId: a non-empty string or an integer is required";
        if (!root.TryGetProperty("tradeId", out var element))
        {
            return false;
        }

        var text = element.ValueKind switch
        {
            JsonValueKind.String => element.GetString(),
            JsonValueKind.Number when element.TryGetInt64(out var n) => n.ToString(CultureInfo.InvariantCulture),
            _ => null,
        };
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        id = TradeId.Parse(text);
        return true;
    }

    private static bool Fail(string why, string message, out string reason, out string detail)
    {
        reason = why;
        detail = message;
        return false;
    }
}
