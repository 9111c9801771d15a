using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MarketIntel.Brokers.OrderIds;
using MarketIntel.Brokers.Shared;
using MarketIntel.Core.Brokerage;
using MarketIntel.Core.Trading;

namespace MarketIntel.Brokers.Schwab;

/// <summary>
/// Schwab Trader API JSON as its reference documents it: the order request (<c>session</c>, <c>duration</c>,
/// <c>orderType</c>, <c>price</c>/<c>stopPrice</c>, <c>orderStrategyType</c> SINGLE / TRIGGER / OCO with
/// <c>childOrderStrategies</c>, <c>orderLegCollection</c> of <c>instruction</c>, <c>quantity</c>, <c>instrument</c>), the
/// order object (<c>orderId</c>, <c>status</c>, <c>quantity</c>, <c>filledQuantity</c>, <c>enteredTime</c>,
/// <c>closeTime</c>, <c>statusDescription</c>, <c>orderActivityCollection</c> executions), the account with positions, and
/// the preview's <c>orderValidationResult</c>. Orders have no client order id at Schwab: the adapter maps ours.
/// </summary>
internal static class SchwabWire
{
    public const string Broker = SchwabTokenClient.Broker;

    public static VenueJson Json { get; } = new(Broker);

    /// <summary>
    /// The order body. A bracket is a TRIGGER entry whose child is an OCO of the take-profit limit and the stop-loss stop;
    /// a reversal (the order crosses zero from <paramref name="position"/>) is a TRIGGER that closes the position with an
    /// opening child for the rest, since Schwab cannot close and open in one order.
    /// </summary>
    public static JsonObject OrderBody(BrokerOrderRequest request, double position)
    {
        var o = request.Order;
        var signed = o.Side == OrderSide.Buy ? o.Quantity : -o.Quantity;
        var after = position + signed;
        if (ContingentReversal.Reverses(o, position))
        {
            var close = Single(o, Math.Abs(position), position);
            close["orderStrategyType"] = "TRIGGER";
            close["childOrderStrategies"] = new JsonArray(Single(o, Math.Abs(after), 0));
            return close;
        }

        var body = Single(o, o.Quantity, position);
        if (request.Bracket is { } bracket)
        {
            var exitSide = o.Side == OrderSide.Buy ? OrderSide.Sell : OrderSide.Buy;
            var exitPosition = signed;
            var takeProfit = Single(new OrderRequest(o.ClientOrderId, o.Symbol, exitSide, OrderType.Limit, o.Quantity, bracket.TakeProfit, null, o.TimeInForce), o.Quantity, exitPosition);
            var stopLoss = Single(new OrderRequest(o.ClientOrderId, o.Symbol, exitSide, OrderType.Stop, o.Quantity, null, bracket.StopLoss, o.TimeInForce), o.Quantity, exitPosition);
            body["orderStrategyType"] = "TRIGGER";
            body["childOrderStrategies"] = new JsonArray(new JsonObject
            {
                ["orderStrategyType"] = "OCO",
                ["childOrderStrategies"] = new JsonArray(takeProfit, stopLoss),
            });
        }

        return body;
    }

    /// <summary>The PUT body replacing <paramref name="original"/>: its legs and instruction, the new quantity and prices.</summary>
    public static JsonObject ReplaceBody(BrokerOrder original, string instruction, BrokerReplaceRequest request) =>
        SingleBody(instruction, original.Symbol, request.Quantity ?? original.Quantity, original.TimeInForce, original.Type, request.LimitPrice ?? original.LimitPrice, request.StopPrice ?? original.StopPrice);

    /// <summary>The canonical text of an order's content, the same from our body and from Schwab's order (children included).</summary>
    public static string Fingerprint(JsonElement order)
    {
        var sb = new StringBuilder();
        Canonical(order, sb);
        return OrderFingerprint.Of(sb.ToString());
    }

    public static BrokerOrder Order(JsonElement o)
    {
        var id = o.TryGetProperty("orderId", out var idElement) ? idElement.ToString() : throw Json.Protocol("order", "orderId", "missing");
        var status = Json.Text(o, "order", "status");
        var filled = Json.Number(o, "order", "filledQuantity") ?? 0;
        var ours = SchwabStatusMap.ToOurs(status, filled) ?? throw Json.Protocol("order", "status", $"'{status}' is not a Schwab order status this adapter can map");
        var leg = FirstLeg(o);
        var instruction = Json.Text(leg, "orderLegCollection[0]", "instruction");
        var type = Json.Text(o, "order", "orderType");
        var entered = Json.Time(o, "order", "enteredTime");
        var (average, lastExecution) = Executions(o);
        var updated = new[] { entered, Json.OptionalTime(o, "order", "closeTime") ?? entered, lastExecution ?? entered }.Max();
        var reason = ours.Status == OrderStatus.Rejected ? SchwabRejectReasons.Of(VenueJson.OptionalText(o, "statusDescription")) : ours.Reason;
        var children = Children(o).Select(Order).ToArray();
        return new BrokerOrder(
            VenueClientId(id),
            id,
            Json.Text(leg.GetProperty("instrument"), "instrument", "symbol"),
            instruction is "BUY" or "BUY_TO_COVER" or "BUY_TO_OPEN" or "BUY_TO_CLOSE" ? OrderSide.Buy
                : instruction is "SELL" or "SELL_SHORT" or "SELL_TO_OPEN" or "SELL_TO_CLOSE" ? OrderSide.Sell
                : throw Json.Protocol("order", "instruction", $"'{instruction}'"),
            type switch
            {
                "MARKET" => OrderType.Market,
                "LIMIT" => OrderType.Limit,
                "STOP" => OrderType.Stop,
                "STOP_LIMIT" => OrderType.StopLimit,
                _ => throw Json.Protocol("order", "orderType", $"'{type}' is not an order type this adapter sends"),
            },
            Json.Number(o, "order", "quantity") ?? throw Json.Protocol("order", "quantity", "missing"),
            Json.Number(o, "order", "price"),
            Json.Number(o, "order", "stopPrice"),
            Json.Text(o, "order", "duration") switch
            {
                "DAY" => TimeInForce.Day,
                "GOOD_TILL_CANCEL" => TimeInForce.Gtc,
                "IMMEDIATE_OR_CANCEL" or "FILL_OR_KILL" => TimeInForce.Ioc,
                var d => throw Json.Protocol("order", "duration", $"'{d}'"),
            },
            ours.Status,
            status,
            filled,
            average,
            entered,
            updated,
            reason,
            null,
            children.Length == 0 ? null : children);
    }

    /// <summary>The instruction of the order's first leg (BUY, SELL, SELL_SHORT, BUY_TO_COVER).</summary>
    public static string Instruction(JsonElement o) => Json.Text(FirstLeg(o), "orderLegCollection[0]", "instruction");

    /// <summary>The placeholder client order id of a Schwab order that is not ours (placed elsewhere, or a bracket's exit).</summary>
    public static string VenueClientId(string venueOrderId) => "schwab-" + venueOrderId;

    public static IReadOnlyList<BrokerPosition> Positions(JsonElement account)
    {
        var sa = SecuritiesAccount(account);
        if (!sa.TryGetProperty("positions", out var positions) || positions.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return positions.EnumerateArray().Select(p =>
        {
            var quantity = (Json.Number(p, "position", "longQuantity") ?? 0) - (Json.Number(p, "position", "shortQuantity") ?? 0);
            var pnl = (Json.Number(p, "position", "longOpenProfitLoss") ?? 0) + (Json.Number(p, "position", "shortOpenProfitLoss") ?? 0);
            var symbol = p.TryGetProperty("instrument", out var instrument) ? Json.Text(instrument, "position.instrument", "symbol") : throw Json.Protocol("position", "instrument", "missing");
            return new BrokerPosition(symbol, quantity, Json.Number(p, "position", "averagePrice") ?? 0, Json.Number(p, "position", "marketValue"), pnl);
        }).ToArray();
    }

    public static BrokerAccount Account(JsonElement account)
    {
        var sa = SecuritiesAccount(account);
        var balances = sa.TryGetProperty("currentBalances", out var b) ? b : throw Json.Protocol("securitiesAccount", "currentBalances", "missing");
        var type = Json.Text(sa, "securitiesAccount", "type");
        var closingOnly = sa.TryGetProperty("isClosingOnlyRestricted", out var c) && c.ValueKind == JsonValueKind.True;
        return new BrokerAccount(
            Json.Text(sa, "securitiesAccount", "accountNumber"),
            "USD",
            Json.Number(balances, "currentBalances", "cashBalance") ?? 0,
            Json.Number(balances, "currentBalances", "liquidationValue") ?? 0,
            Json.Number(balances, "currentBalances", "buyingPower") ?? Json.Number(balances, "currentBalances", "cashAvailableForTrading") ?? 0,
            closingOnly,
            type == "MARGIN",
            closingOnly ? "closing_only" : "active");
    }

    /// <summary>A preview's verdict: the first reject's message, or null when Schwab would take the order.</summary>
    public static string? PreviewRejection(JsonElement preview)
    {
        if (preview.TryGetProperty("orderValidationResult", out var result) && result.TryGetProperty("rejects", out var rejects) && rejects.ValueKind == JsonValueKind.Array)
        {
            foreach (var reject in rejects.EnumerateArray())
            {
                return VenueJson.OptionalText(reject, "activityMessage") ?? VenueJson.OptionalText(reject, "message") ?? VenueJson.OptionalText(reject, "rejectMessage") ?? "rejected";
            }
        }

        return preview.TryGetProperty("orderStrategy", out var strategy) && VenueJson.OptionalText(strategy, "status") == "REJECTED" ? "rejected" : null;
    }

    /// <summary>Schwab's error body <c>{"message": "...", "errors": [...]}</c>; the raw text when it is not that shape.</summary>
    public static string ErrorMessage(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return VenueJson.OptionalText(doc.RootElement, "message") ?? body;
        }
        catch (JsonException)
        {
            return body;
        }
    }

    /// <summary>Schwab's order-list time parameter: <c>yyyy-MM-dd'T'HH:mm:ss.fff'Z'</c>.</summary>
    public static string Iso(DateTime utc) => utc.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static JsonObject Single(OrderRequest o, double quantity, double position) =>
        SingleBody(InstructionFor(o.Side, position), o.Symbol, quantity, o.TimeInForce, o.Type, o.LimitPrice, o.StopPrice);

    private static JsonObject SingleBody(string instruction, string symbol, double quantity, TimeInForce timeInForce, OrderType type, double? limit, double? stop)
    {
        var body = new JsonObject
        {
            ["session"] = "NORMAL",
            ["duration"] = Duration(timeInForce),
            ["orderType"] = TypeName(type),
            ["orderStrategyType"] = "SINGLE",
            ["orderLegCollection"] = new JsonArray(Leg(instruction, symbol, quantity)),
        };
        SetPrices(body, type, limit, stop);
        return body;
    }

    // Selling from flat or short opens a short; buying while short covers it.
    private static string InstructionFor(OrderSide side, double position) =>
        side == OrderSide.Buy ? (position < 0 ? "BUY_TO_COVER" : "BUY") : (position > 0 ? "SELL" : "SELL_SHORT");

    private static JsonObject Leg(string instruction, string symbol, double quantity) => new()
    {
        ["instruction"] = instruction,
        ["quantity"] = (decimal)quantity,
        ["instrument"] = new JsonObject { ["symbol"] = symbol, ["assetType"] = "EQUITY" },
    };

    private static void SetPrices(JsonObject body, OrderType type, double? limit, double? stop)
    {
        if (type is OrderType.Limit or OrderType.StopLimit && limit is { } l)
        {
            body["price"] = Price(l);
        }

        if (type is OrderType.Stop or OrderType.StopLimit && stop is { } s)
        {
            body["stopPrice"] = Price(s);
        }
    }

    // Prices go as strings with at most the cents Schwab takes for equities over $1 (four decimals below), like its examples.
    private static string Price(double value) => Math.Round((decimal)value, Math.Abs(value) >= 1 ? 2 : 4).ToString(CultureInfo.InvariantCulture);

    private static string Duration(TimeInForce tif) => tif switch { TimeInForce.Day => "DAY", TimeInForce.Gtc => "GOOD_TILL_CANCEL", _ => "IMMEDIATE_OR_CANCEL" };

    private static string TypeName(OrderType type) => type switch { OrderType.Market => "MARKET", OrderType.Limit => "LIMIT", OrderType.Stop => "STOP", _ => "STOP_LIMIT" };

    private static JsonElement FirstLeg(JsonElement o) =>
        o.TryGetProperty("orderLegCollection", out var legs) && legs.ValueKind == JsonValueKind.Array && legs.GetArrayLength() > 0
            ? legs[0]
            : throw Json.Protocol("order", "orderLegCollection", "at least one leg is required");

    private static IEnumerable<JsonElement> Children(JsonElement o)
    {
        if (!o.TryGetProperty("childOrderStrategies", out var children) || children.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var child in children.EnumerateArray())
        {
            // An OCO is a container of its two exits; the exits are the orders.
            if (VenueJson.OptionalText(child, "orderStrategyType") == "OCO")
            {
                foreach (var exit in Children(child))
                {
                    yield return exit;
                }
            }
            else
            {
                yield return child;
            }
        }
    }

    private static (double? Average, DateTime? Last) Executions(JsonElement o)
    {
        if (!o.TryGetProperty("orderActivityCollection", out var activities) || activities.ValueKind != JsonValueKind.Array)
        {
            return (null, null);
        }

        double quantity = 0, notional = 0;
        DateTime? last = null;
        foreach (var activity in activities.EnumerateArray())
        {
            if (VenueJson.OptionalText(activity, "activityType") != "EXECUTION" || !activity.TryGetProperty("executionLegs", out var legs))
            {
                continue;
            }

            foreach (var leg in legs.EnumerateArray())
            {
                var q = Json.Number(leg, "executionLeg", "quantity") ?? 0;
                quantity += q;
                notional += q * (Json.Number(leg, "executionLeg", "price") ?? 0);
                var at = Json.OptionalTime(leg, "executionLeg", "time");
                if (at > last || last is null)
                {
                    last = at;
                }
            }
        }

        return (quantity > 0 ? notional / quantity : null, last);
    }

    private static void Canonical(JsonElement o, StringBuilder sb)
    {
        sb.Append(VenueJson.OptionalText(o, "orderStrategyType")).Append('|').Append(VenueJson.OptionalText(o, "orderType")).Append('|')
            .Append(VenueJson.OptionalText(o, "duration")).Append('|').Append(OrderFingerprint.Number(Json.Number(o, "order", "price"))).Append('|')
            .Append(OrderFingerprint.Number(Json.Number(o, "order", "stopPrice")));
        if (o.TryGetProperty("orderLegCollection", out var legs) && legs.ValueKind == JsonValueKind.Array)
        {
            foreach (var leg in legs.EnumerateArray())
            {
                var symbol = leg.TryGetProperty("instrument", out var instrument) ? VenueJson.OptionalText(instrument, "symbol") : null;
                sb.Append("|leg:").Append(VenueJson.OptionalText(leg, "instruction")).Append(':').Append(symbol?.ToUpperInvariant())
                    .Append(':').Append(OrderFingerprint.Number(Json.Number(leg, "leg", "quantity")));
            }
        }

        if (o.TryGetProperty("childOrderStrategies", out var children) && children.ValueKind == JsonValueKind.Array)
        {
            foreach (var child in children.EnumerateArray())
            {
                sb.Append("|(");
                Canonical(child, sb);
                sb.Append(')');
            }
        }
    }

    private static JsonElement SecuritiesAccount(JsonElement account) =>
        account.TryGetProperty("securitiesAccount", out var sa) ? sa : throw Json.Protocol("account", "securitiesAccount", "missing");
}
