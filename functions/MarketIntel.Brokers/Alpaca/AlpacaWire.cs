using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MarketIntel.Brokers.Shared;
using MarketIntel.Core.Brokerage;
using MarketIntel.Core.Trading;

namespace MarketIntel.Brokers.Alpaca;

/// <summary>
/// Alpaca's JSON (REST v2 order, position and account objects, error bodies, the order request) read and written by
/// field name as the API reference documents them. Numbers arrive as strings (<c>"qty": "10"</c>) and are read either
/// way; a missing or malformed field is a <see cref="BrokerException"/> of kind <see cref="BrokerErrorKind.Protocol"/>
/// naming the object and the field.
/// </summary>
internal static class AlpacaWire
{
    public const string Broker = "alpaca";

    private static readonly VenueJson Json = new(Broker);

    public static BrokerOrder Order(JsonElement o)
    {
        var status = Text(o, "order", "status");
        var quantity = Number(o, "order", "qty") ?? 0;
        var filled = Number(o, "order", "filled_qty") ?? 0;
        var ours = AlpacaStatusMap.ToOurs(status, quantity, filled)
            ?? throw Protocol("order", "status", $"'{status}' is not an Alpaca order status this adapter knows");
        var type = Text(o, "order", o.TryGetProperty("order_type", out _) ? "order_type" : "type");
        var legs = o.TryGetProperty("legs", out var l) && l.ValueKind == JsonValueKind.Array ? l.EnumerateArray().Select(Order).ToArray() : null;
        var average = Number(o, "order", "filled_avg_price");
        return new BrokerOrder(
            Text(o, "order", "client_order_id"),
            Text(o, "order", "id"),
            Text(o, "order", "symbol"),
            Text(o, "order", "side") switch { "buy" => OrderSide.Buy, "sell" => OrderSide.Sell, var s => throw Protocol("order", "side", $"'{s}'") },
            type switch
            {
                "market" => OrderType.Market,
                "limit" => OrderType.Limit,
                "stop" or "trailing_stop" => OrderType.Stop,
                "stop_limit" => OrderType.StopLimit,
                _ => throw Protocol("order", "type", $"'{type}'"),
            },
            quantity,
            Number(o, "order", "limit_price"),
            Number(o, "order", "stop_price"),
            Text(o, "order", "time_in_force") switch
            {
                // Ours has no opening/closing-auction or fill-or-kill orders; they are shown as the nearest (day, ioc).
                "day" or "opg" or "cls" => TimeInForce.Day,
                "gtc" => TimeInForce.Gtc,
                "ioc" or "fok" => TimeInForce.Ioc,
                var t => throw Protocol("order", "time_in_force", $"'{t}'"),
            },
            ours.Status,
            status,
            filled,
            average is > 0 ? average : null,
            Time(o, "order", "created_at"),
            OptionalTime(o, "updated_at") ?? Time(o, "order", "created_at"),
            ours.Reason,
            o.TryGetProperty("replaced_by", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null,
            legs);
    }

    public static BrokerPosition Position(JsonElement p)
    {
        var quantity = Math.Abs(Number(p, "position", "qty") ?? throw Protocol("position", "qty", "missing"));
        var side = p.TryGetProperty("side", out var s) ? s.GetString() : "long";
        return new BrokerPosition(Text(p, "position", "symbol"), side == "short" ? -quantity : quantity, Number(p, "position", "avg_entry_price") ?? 0,
            Number(p, "position", "market_value"), Number(p, "position", "unrealized_pl"));
    }

    public static BrokerAccount Account(JsonElement a) =>
        new(Text(a, "account", "id"), a.TryGetProperty("currency", out var c) ? c.GetString() ?? "USD" : "USD", Number(a, "account", "cash") ?? 0, Number(a, "account", "equity") ?? 0,
            Number(a, "account", "buying_power") ?? 0, Bool(a, "trading_blocked") || Bool(a, "account_blocked"), Bool(a, "shorting_enabled"), Text(a, "account", "status"));

    /// <summary>The POST /v2/orders body: a simple order, or <c>order_class: bracket</c> with take_profit and stop_loss.</summary>
    public static string OrderBody(BrokerOrderRequest request)
    {
        var o = request.Order;
        var body = new JsonObject
        {
            ["symbol"] = o.Symbol,
            ["qty"] = Decimal(o.Quantity),
            ["side"] = o.Side == OrderSide.Buy ? "buy" : "sell",
            ["type"] = o.Type switch { OrderType.Market => "market", OrderType.Limit => "limit", OrderType.Stop => "stop", _ => "stop_limit" },
            ["time_in_force"] = o.TimeInForce switch { TimeInForce.Day => "day", TimeInForce.Gtc => "gtc", _ => "ioc" },
            ["client_order_id"] = o.ClientOrderId,
        };
        if (o.LimitPrice is { } limit)
        {
            body["limit_price"] = Decimal(limit);
        }

        if (o.StopPrice is { } stop)
        {
            body["stop_price"] = Decimal(stop);
        }

        if (request.Bracket is { } bracket)
        {
            body["order_class"] = "bracket";
            body["take_profit"] = new JsonObject { ["limit_price"] = Decimal(bracket.TakeProfit) };
            body["stop_loss"] = new JsonObject { ["stop_price"] = Decimal(bracket.StopLoss) };
        }

        return body.ToJsonString();
    }

    /// <summary>The PATCH /v2/orders/{id} body: only the fields that change, and the replacing order's client order id.</summary>
    public static string ReplaceBody(BrokerReplaceRequest request)
    {
        var body = new JsonObject { ["client_order_id"] = request.NewClientOrderId };
        if (request.Quantity is { } q)
        {
            body["qty"] = Decimal(q);
        }

        if (request.LimitPrice is { } l)
        {
            body["limit_price"] = Decimal(l);
        }

        if (request.StopPrice is { } s)
        {
            body["stop_price"] = Decimal(s);
        }

        return body.ToJsonString();
    }

    /// <summary>Alpaca's error body <c>{"code": 40310000, "message": "..."}</c>; the raw text when it is not that shape.</summary>
    public static string ErrorMessage(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : body;
        }
        catch (JsonException)
        {
            return body;
        }
    }

    public static string Iso(DateTime utc) => utc.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTime Time(JsonElement e, string what, string field) => Json.Time(e, what, field);

    public static DateTime? OptionalTime(JsonElement e, string field) => Json.OptionalTime(e, "object", field);

    public static double? Number(JsonElement e, string what, string field) => Json.Number(e, what, field);

    private static string Text(JsonElement e, string what, string field) => Json.Text(e, what, field);

    private static bool Bool(JsonElement e, string field) => e.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.True;

    // Through decimal, so 0.1 is sent as "0.1" and not as the double's long expansion.
    private static string Decimal(double value) => ((decimal)value).ToString(CultureInfo.InvariantCulture);

    public static BrokerException Protocol(string what, string field, string message) => Json.Protocol(what, field, message);
}
