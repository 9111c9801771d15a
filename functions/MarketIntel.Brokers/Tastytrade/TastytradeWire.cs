using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MarketIntel.Brokers.Shared;
using MarketIntel.Core.Brokerage;
using MarketIntel.Core.Trading;

namespace MarketIntel.Brokers.Tastytrade;

/// <summary>
/// tastytrade's JSON (dasherized keys, answers wrapped in <c>{"data": ...}</c>) as its order-management reference and
/// the open SDK show it: the order request (<c>time-in-force</c>, <c>order-type</c>, <c>price</c> with <c>price-effect</c>,
/// <c>stop-trigger</c>, <c>external-identifier</c>, one equity leg with <c>instrument-type</c>, <c>symbol</c>,
/// <c>quantity</c>, <c>action</c>), complex orders (<c>type</c> OTO / OTOCO with <c>trigger-order</c> and <c>orders</c>),
/// the order object (<c>id</c>, <c>status</c>, <c>legs[].fills</c>, <c>received-at</c>, <c>updated-at</c>,
/// <c>terminal-at</c>, <c>reject-reason</c>, <c>complex-order-id</c>), positions, balances and the error body.
/// </summary>
internal static class TastytradeWire
{
    public const string Broker = TastytradeTokenClient.Broker;

    public static VenueJson Json { get; } = new(Broker);

    /// <summary>
    /// The body and whether it is a complex order: a bracket is an OTOCO (the entry triggers an OCO of the take-profit limit
    /// and the stop-loss stop); a reversal is an OTO whose trigger closes the position and whose order opens the other side.
    /// Our client order id travels as the trigger's (or the order's) <c>external-identifier</c>, which tastytrade echoes.
    /// </summary>
    public static (JsonObject Body, bool Complex) OrderBody(BrokerOrderRequest request, double position, string source)
    {
        var o = request.Order;
        var after = position + (o.Side == OrderSide.Buy ? o.Quantity : -o.Quantity);
        if (ContingentReversal.Reverses(o, position))
        {
            var close = Single(o, Math.Abs(position), position, source, o.ClientOrderId);
            var open = Single(o, Math.Abs(after), 0, source, null);
            return (new JsonObject { ["type"] = "OTO", ["source"] = source, ["trigger-order"] = close, ["orders"] = new JsonArray(open) }, true);
        }

        var entry = Single(o, o.Quantity, position, source, o.ClientOrderId);
        if (request.Bracket is not { } bracket)
        {
            return (entry, false);
        }

        var exitSide = o.Side == OrderSide.Buy ? OrderSide.Sell : OrderSide.Buy;
        var held = o.Side == OrderSide.Buy ? o.Quantity : -o.Quantity;
        var takeProfit = Single(new OrderRequest(o.ClientOrderId, o.Symbol, exitSide, OrderType.Limit, o.Quantity, bracket.TakeProfit, null, o.TimeInForce), o.Quantity, held, source, null);
        var stopLoss = Single(new OrderRequest(o.ClientOrderId, o.Symbol, exitSide, OrderType.Stop, o.Quantity, null, bracket.StopLoss, o.TimeInForce), o.Quantity, held, source, null);
        return (new JsonObject { ["type"] = "OTOCO", ["source"] = source, ["trigger-order"] = entry, ["orders"] = new JsonArray(takeProfit, stopLoss) }, true);
    }

    /// <summary>The cancel-replace body: the same leg (tastytrade replaces price and type, not legs), new prices, the new external identifier.</summary>
    public static JsonObject ReplaceBody(BrokerOrder original, BrokerReplaceRequest request, string source)
    {
        var body = new JsonObject
        {
            ["time-in-force"] = TimeInForceName(original.TimeInForce),
            ["order-type"] = TypeName(original.Type),
            ["external-identifier"] = request.NewClientOrderId,
            ["source"] = source,
        };
        SetPrices(body, original.Type, original.Side, request.LimitPrice ?? original.LimitPrice, request.StopPrice ?? original.StopPrice);
        return body;
    }

    public static BrokerOrder Order(JsonElement o)
    {
        var id = o.TryGetProperty("id", out var idElement) ? idElement.ToString() : throw Json.Protocol("order", "id", "missing");
        var leg = o.TryGetProperty("legs", out var legs) && legs.ValueKind == JsonValueKind.Array && legs.GetArrayLength() > 0 ? legs[0] : throw Json.Protocol("order", "legs", "at least one leg is required");
        var (filled, average) = Fills(leg);
        var status = Json.Text(o, "order", "status");
        var ours = TastytradeStatusMap.ToOurs(status, filled) ?? throw Json.Protocol("order", "status", $"'{status}' is not a tastytrade order status this adapter can map");
        var action = Json.Text(leg, "order.legs[0]", "action");
        var type = Json.Text(o, "order", "order-type");
        var updated = Json.Time(o, "order", "updated-at");
        var created = Json.OptionalTime(o, "order", "received-at") ?? Json.OptionalTime(o, "order", "live-at") ?? updated;
        var reason = ours.Status == OrderStatus.Rejected ? TastytradeRejectReasons.Of(VenueJson.OptionalText(o, "reject-reason")) : ours.Reason;
        return new BrokerOrder(
            VenueJson.OptionalText(o, "external-identifier") ?? VenueClientId(id),
            id,
            Json.Text(leg, "order.legs[0]", "symbol"),
            action.StartsWith("Buy", StringComparison.Ordinal) ? OrderSide.Buy : action.StartsWith("Sell", StringComparison.Ordinal) ? OrderSide.Sell : throw Json.Protocol("order", "legs[0].action", $"'{action}'"),
            type switch
            {
                "Market" => OrderType.Market,
                "Limit" or "Marketable Limit" => OrderType.Limit,
                "Stop" => OrderType.Stop,
                "Stop Limit" => OrderType.StopLimit,
                _ => throw Json.Protocol("order", "order-type", $"'{type}' is not an order type this adapter sends"),
            },
            Json.Number(leg, "order.legs[0]", "quantity") ?? throw Json.Protocol("order", "legs[0].quantity", "missing"),
            Json.Number(o, "order", "price") is { } p ? Math.Abs(p) : null,
            Json.Number(o, "order", "stop-trigger"),
            Json.Text(o, "order", "time-in-force") switch
            {
                "Day" or "Ext" or "Ext Overnight" => TimeInForce.Day,
                "GTC" or "GTC Ext" or "GTC Ext Overnight" or "GTD" => TimeInForce.Gtc,
                "IOC" => TimeInForce.Ioc,
                var t => throw Json.Protocol("order", "time-in-force", $"'{t}'"),
            },
            ours.Status,
            status,
            filled,
            average,
            created,
            Json.OptionalTime(o, "order", "terminal-at") is { } terminal && terminal > updated ? terminal : updated,
            reason,
            o.TryGetProperty("replacing-order-id", out var r) && r.ValueKind is JsonValueKind.Number or JsonValueKind.String ? r.ToString() : null);
    }

    /// <summary>The complex order id of an order that belongs to one, else null.</summary>
    public static string? ComplexOrderId(JsonElement o) =>
        o.TryGetProperty("complex-order-id", out var c) && c.ValueKind is JsonValueKind.Number or JsonValueKind.String ? c.ToString() : null;

    public static string VenueClientId(string venueOrderId) => "tastytrade-" + venueOrderId;

    public static BrokerPosition Position(JsonElement p)
    {
        var quantity = Json.Number(p, "position", "quantity") ?? throw Json.Protocol("position", "quantity", "missing");
        var direction = Json.Text(p, "position", "quantity-direction");
        var signed = direction == "Short" ? -Math.Abs(quantity) : Math.Abs(quantity);
        var mark = Json.Number(p, "position", "mark-price") ?? Json.Number(p, "position", "mark");
        var average = Json.Number(p, "position", "average-open-price") ?? 0;
        return new BrokerPosition(Json.Text(p, "position", "symbol"), signed, average, mark is { } m ? m * signed : null, mark is { } mk ? (mk - average) * signed : null);
    }

    public static BrokerAccount Account(JsonElement b) =>
        new(Json.Text(b, "balances", "account-number"), "USD", Json.Number(b, "balances", "cash-balance") ?? 0, Json.Number(b, "balances", "net-liquidating-value") ?? 0,
            Json.Number(b, "balances", "equity-buying-power") ?? 0, false, true, "active");

    /// <summary>The <c>data</c> of an answer (<c>{"data": ..., "context": ...}</c>).</summary>
    public static JsonElement Data(JsonDocument doc) =>
        doc.RootElement.TryGetProperty("data", out var data) ? data : throw Json.Protocol("answer", "data", "missing");

    /// <summary>The items of a list answer (<c>data.items</c>).</summary>
    public static JsonElement.ArrayEnumerator Items(JsonDocument doc) =>
        Data(doc).TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array ? items.EnumerateArray() : throw Json.Protocol("answer", "data.items", "an array is required");

    /// <summary>The error body as "code: message" items joined (the error itself when it has no items); the raw text otherwise.</summary>
    public static string ErrorText(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (!doc.RootElement.TryGetProperty("error", out var error))
            {
                return body;
            }

            var parts = new List<string>();
            if (error.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                parts.AddRange(errors.EnumerateArray().Select(Item));
            }

            return parts.Count > 0 ? string.Join("; ", parts) : Item(error);
        }
        catch (JsonException)
        {
            return body;
        }
    }

    /// <summary>A dry run's warnings as "code: message" items joined, or null.</summary>
    public static string? Warnings(JsonElement data) =>
        data.TryGetProperty("warnings", out var w) && w.ValueKind == JsonValueKind.Array && w.GetArrayLength() > 0 ? string.Join("; ", w.EnumerateArray().Select(Item)) : null;

    public static string Iso(DateTime utc) => utc.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Item(JsonElement e) =>
        $"{VenueJson.OptionalText(e, "code") ?? VenueJson.OptionalText(e, "domain")}: {VenueJson.OptionalText(e, "message") ?? VenueJson.OptionalText(e, "reason")}";

    private static JsonObject Single(OrderRequest o, double quantity, double position, string source, string? externalId)
    {
        var body = new JsonObject
        {
            ["time-in-force"] = TimeInForceName(o.TimeInForce),
            ["order-type"] = TypeName(o.Type),
        };
        SetPrices(body, o.Type, o.Side, o.LimitPrice, o.StopPrice);
        if (externalId is not null)
        {
            body["external-identifier"] = externalId;
        }

        body["source"] = source;
        body["legs"] = new JsonArray(new JsonObject
        {
            ["instrument-type"] = "Equity",
            ["symbol"] = o.Symbol,
            ["quantity"] = (decimal)quantity,
            ["action"] = o.Side == OrderSide.Buy ? (position < 0 ? "Buy to Close" : "Buy to Open") : (position > 0 ? "Sell to Close" : "Sell to Open"),
        });
        return body;
    }

    // The price is positive with its effect: a buy pays (Debit), a sell receives (Credit).
    private static void SetPrices(JsonObject body, OrderType type, OrderSide side, double? limit, double? stop)
    {
        if (type is OrderType.Limit or OrderType.StopLimit && limit is { } l)
        {
            body["price"] = ((decimal)l).ToString(CultureInfo.InvariantCulture);
            body["price-effect"] = side == OrderSide.Buy ? "Debit" : "Credit";
        }

        if (type is OrderType.Stop or OrderType.StopLimit && stop is { } s)
        {
            body["stop-trigger"] = ((decimal)s).ToString(CultureInfo.InvariantCulture);
        }
    }

    private static string TimeInForceName(TimeInForce tif) => tif switch { TimeInForce.Day => "Day", TimeInForce.Gtc => "GTC", _ => "IOC" };

    private static string TypeName(OrderType type) => type switch { OrderType.Market => "Market", OrderType.Limit => "Limit", OrderType.Stop => "Stop", _ => "Stop Limit" };

    private static (double Filled, double? Average) Fills(JsonElement leg)
    {
        if (!leg.TryGetProperty("fills", out var fills) || fills.ValueKind != JsonValueKind.Array)
        {
            return (0, null);
        }

        double quantity = 0, notional = 0;
        foreach (var fill in fills.EnumerateArray())
        {
            var q = Json.Number(fill, "fill", "quantity") ?? 0;
            quantity += q;
            notional += q * (Json.Number(fill, "fill", "fill-price") ?? 0);
        }

        return (quantity, quantity > 0 ? notional / quantity : null);
    }
}
