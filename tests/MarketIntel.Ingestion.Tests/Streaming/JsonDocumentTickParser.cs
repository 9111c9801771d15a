using System.Globalization;
using System.Text.Json;
using MarketIntel.Core.Market;
using MarketIntel.Core.Market.Csv;

namespace MarketIntel.Ingestion.Tests.Streaming;

/// <summary>The parser before the single-pass one: a JsonDocument per message, kept as the reference it must equal.</summary>
internal static class JsonDocumentTickParser
{
    /// <summary>Parses one message; false with a reason (<c>malformed</c> or <c>invalid</c>) and a detail naming the field.</summary>
    public static bool TryParse(string? message, out Tick tick, out string reason, out string detail)
    {
        tick = default;
        reason = string.Empty;
        detail = string.Empty;
        if (string.IsNullOrWhiteSpace(message))
        {
            return Fail(MarketIntel.Ingestion.Providers.RejectReasons.Malformed, "empty message", out reason, out detail);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(message);
        }
        catch (JsonException ex)
        {
            return Fail(MarketIntel.Ingestion.Providers.RejectReasons.Malformed, $"not JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine})", out reason, out detail);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Fail(MarketIntel.Ingestion.Providers.RejectReasons.Malformed, $"expected a JSON object, got {root.ValueKind}", out reason, out detail);
            }

            return TryRead(root, out tick, out detail) || Fail(MarketIntel.Ingestion.Providers.RejectReasons.Invalid, detail, out reason, out detail);
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
