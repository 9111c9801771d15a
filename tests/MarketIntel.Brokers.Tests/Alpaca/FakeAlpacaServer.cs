using MarketIntel.Brokers.Tests.Shared;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MarketIntel.Brokers.Tests.Alpaca;

/// <summary>
/// A local stand-in for Alpaca's Trading API v2 on Kestrel (127.0.0.1, a free port), its payloads built from the
/// documented examples in <c>Fixtures/Alpaca</c>. It enforces what Alpaca enforces: the two key headers (401 otherwise),
/// unique client order ids (422), only cancelable orders canceled (422), its own order lifecycle (held legs, new,
/// partially_filled, filled, canceled, replaced), and the trade_updates stream (auth message, listen, binary frames).
/// Faults are set per test: lose or delay the answer to a submit the fake has accepted, fail before accepting, answer
/// 429s, reject the next order with a documented error, drop or refuse stream connections.
/// </summary>
public sealed class FakeAlpacaServer : IAsyncDisposable
{
    public const string KeyId = "test-key-id";
    public const string Secret = "test-secret-key";

    private static readonly string FixtureDir = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Alpaca");
    private readonly WebApplication _app;
    private readonly Lock _lock = new();
    private readonly List<JsonObject> _orders = [];
    private readonly Dictionary<string, (double Qty, double Avg)> _positions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<WebSocket, SemaphoreSlim> _listeners = new();
    private readonly ConcurrentQueue<(string Method, string Path, DateTime At)> _requests = new();
    private DateTime _clock = DateTime.UtcNow;
    private int _tooManyRequests;

    private FakeAlpacaServer(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public Uri StreamUrl { get; private set; } = null!;

    /// <summary>What the next accepted submit's answer suffers.</summary>
    public SubmitFault NextSubmitFault { get; set; }

    /// <summary>The Retry-After seconds sent with the 429s (none when null).</summary>
    public int? RetryAfterSeconds { get; set; }

    /// <summary>The error (a key of <c>errors.json</c>) the next submit is answered with, creating nothing.</summary>
    public string? RejectNextSubmitWith { get; set; }

    public bool RefuseStreams { get; set; }

    public IReadOnlyList<string> SubmitBodies => _submitBodies.ToArray();

    private readonly ConcurrentQueue<string> _submitBodies = new();

    private int _streamConnections;

    public int StreamConnections => Volatile.Read(ref _streamConnections);

    public IReadOnlyList<(string Method, string Path, DateTime At)> Requests => _requests.ToArray();

    public int Count(string method, string path) => _requests.Count(r => r.Method == method && r.Path == path);

    public static async Task<FakeAlpacaServer> StartAsync()
    {
        var app = LoopbackServer.Create();
        var fake = new FakeAlpacaServer(app);
        fake.Map();
        fake.BaseUrl = await LoopbackServer.StartAsync(app);
        var address = fake.BaseUrl.ToString().TrimEnd('/');
        fake.StreamUrl = new Uri(address.Replace("http://", "ws://", StringComparison.Ordinal) + "/stream");
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        DropStreams();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>The next <paramref name="count"/> REST requests are answered 429 (the documented body, and Retry-After when set).</summary>
    public void AnswerTooManyRequests(int count) => Interlocked.Exchange(ref _tooManyRequests, count);

    public int OrderCount(string clientOrderId)
    {
        lock (_lock)
        {
            return _orders.Count(o => (string?)o["client_order_id"] == clientOrderId);
        }
    }

    public JsonObject OrderByClientId(string clientOrderId)
    {
        lock (_lock)
        {
            return (JsonObject)_orders.Single(o => (string?)o["client_order_id"] == clientOrderId).DeepClone();
        }
    }

    public void SetPosition(string symbol, double quantity, double average)
    {
        lock (_lock)
        {
            _positions[symbol] = (quantity, average);
        }
    }

    /// <summary>An execution of <paramref name="quantity"/> at <paramref name="price"/>: partially_filled or filled, as Alpaca moves it, and its trade update.</summary>
    public void Fill(string clientOrderId, double quantity, double price)
    {
        JsonObject order;
        string ev;
        lock (_lock)
        {
            order = Find(clientOrderId);
            var status = (string)order["status"]!;
            if (status is not ("new" or "accepted" or "partially_filled"))
            {
                throw new InvalidOperationException($"fake Alpaca: a {status} order cannot fill");
            }

            var qty = Num(order["qty"]);
            var filled = Num(order["filled_qty"]);
            var average = order["filled_avg_price"] is null ? 0 : Num(order["filled_avg_price"]);
            var now = Tick();
            var total = filled + quantity;
            order["filled_qty"] = Str(total);
            order["filled_avg_price"] = Str(((average * filled) + (price * quantity)) / total);
            order["status"] = ev = total >= qty ? "filled" : "partially_filled";
            order["updated_at"] = Iso(now);
            if (total >= qty)
            {
                order["filled_at"] = Iso(now);
            }

            var symbol = (string)order["symbol"]!;
            var signed = (string)order["side"]! == "buy" ? quantity : -quantity;
            var (q, avg) = _positions.GetValueOrDefault(symbol);
            _positions[symbol] = (q + signed, q + signed == 0 ? 0 : ((avg * q) + (price * signed)) / (q + signed));
            order = (JsonObject)order.DeepClone();
        }

        Publish(ev == "filled" ? "fill" : "partial_fill", order, price, quantity);
    }

    /// <summary>Alpaca canceling on its own (end of an ioc, a corporate action): canceled, and its trade update.</summary>
    public void CancelAtVenue(string clientOrderId) => Cancel(Find(clientOrderId, locked: false) ?? throw new InvalidOperationException($"fake Alpaca has no order '{clientOrderId}'"));

    /// <summary>Sends a raw trade update to every listening connection (to replay a late or repeated event).</summary>
    public void Publish(string ev, JsonObject order, double? price = null, double? quantity = null)
    {
        var data = new JsonObject { ["event"] = ev, ["order"] = order.DeepClone(), ["timestamp"] = order["updated_at"]!.DeepClone() };
        if (price is { } p)
        {
            data["execution_id"] = Guid.NewGuid().ToString();
            data["price"] = Str(p);
            data["qty"] = Str(quantity ?? 0);
        }

        var message = new JsonObject { ["stream"] = "trade_updates", ["data"] = data }.ToJsonString();
        foreach (var (socket, gate) in _listeners)
        {
            _ = SendAsync(socket, gate, message);
        }
    }

    /// <summary>Aborts every stream connection, as a network drop would.</summary>
    public void DropStreams()
    {
        foreach (var socket in _listeners.Keys)
        {
            socket.Abort();
            _listeners.TryRemove(socket, out _);
        }
    }

    public int Listening => _listeners.Count;

    public static JsonObject Fixture(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(FixtureDir, name)))!.AsObject();

    private void Map()
    {
        _app.UseWebSockets();
        _app.Use(async (context, next) =>
        {
            if (context.Request.Path == "/stream")
            {
                await StreamAsync(context);
                return;
            }

            _requests.Enqueue((context.Request.Method, context.Request.Path.Value!, DateTime.UtcNow));
            if (context.Request.Headers["APCA-API-KEY-ID"] != KeyId || context.Request.Headers["APCA-API-SECRET-KEY"] != Secret)
            {
                await ErrorAsync(context, "unauthorized");
                return;
            }

            if (Interlocked.Decrement(ref _tooManyRequests) >= 0)
            {
                if (RetryAfterSeconds is { } s)
                {
                    context.Response.Headers.RetryAfter = s.ToString(CultureInfo.InvariantCulture);
                }

                await ErrorAsync(context, "rate_limited");
                return;
            }

            await next(context);
        });

        _app.MapPost("/v2/orders", SubmitAsync);
        _app.MapGet("/v2/orders:by_client_order_id", (HttpContext context) =>
        {
            lock (_lock)
            {
                var order = _orders.FirstOrDefault(o => (string?)o["client_order_id"] == context.Request.Query["client_order_id"]);
                return order is null ? Error("order_not_found") : Json(order);
            }
        });
        _app.MapGet("/v2/orders/{id}", (string id) =>
        {
            lock (_lock)
            {
                var order = _orders.FirstOrDefault(o => (string?)o["id"] == id);
                return order is null ? Error("order_not_found") : Json(order);
            }
        });
        _app.MapGet("/v2/orders", (HttpContext context) =>
        {
            var status = context.Request.Query["status"].ToString();
            DateTime? after = context.Request.Query.TryGetValue("after", out var a) ? DateTime.Parse(a!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal) : null;
            lock (_lock)
            {
                var list = _orders
                    .Where(o => status != "open" || (string)o["status"]! is "new" or "accepted" or "partially_filled" or "pending_new" or "held")
                    .Where(o => after is null || DateTime.Parse((string)o["submitted_at"]!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal) > after)
                    .Where(o => !IsLeg(o))
                    .Select(o => o.DeepClone())
                    .ToArray();
                return Results.Text(new JsonArray(list).ToJsonString(), "application/json");
            }
        });
        _app.MapDelete("/v2/orders/{id}", (string id) =>
        {
            var order = Find(id, locked: false, byVenueId: true);
            if (order is null)
            {
                return Error("order_not_found");
            }

            return Cancel(order) ? Results.NoContent() : Error("not_cancelable");
        });
        _app.MapMethods("/v2/orders/{id}", ["PATCH"], ReplaceAsync);
        _app.MapGet("/v2/positions", () =>
        {
            lock (_lock)
            {
                return Results.Text(new JsonArray(_positions.Where(p => p.Value.Qty != 0).Select(p => (JsonNode)Position(p.Key)).ToArray()).ToJsonString(), "application/json");
            }
        });
        _app.MapGet("/v2/positions/{symbol}", (string symbol) =>
        {
            lock (_lock)
            {
                return _positions.TryGetValue(symbol, out var p) && p.Qty != 0 ? Json(Position(symbol)) : Error("position_not_found");
            }
        });
        _app.MapGet("/v2/account", () => Json(Fixture("account.json")));
    }

    private async Task SubmitAsync(HttpContext context)
    {
        var text = await new StreamReader(context.Request.Body).ReadToEndAsync();
        _submitBodies.Enqueue(text);
        if (RejectNextSubmitWith is { } reject)
        {
            RejectNextSubmitWith = null;
            await ErrorAsync(context, reject);
            return;
        }

        var fault = NextSubmitFault;
        NextSubmitFault = SubmitFault.None;
        if (fault == SubmitFault.FailBeforeAccepting)
        {
            context.Response.StatusCode = 503;
            return;
        }

        var body = JsonNode.Parse(text)!.AsObject();
        JsonObject order;
        lock (_lock)
        {
            var clientOrderId = (string?)body["client_order_id"] ?? Guid.NewGuid().ToString();
            if (_orders.Any(o => (string?)o["client_order_id"] == clientOrderId))
            {
                order = null!;
            }
            else
            {
                order = NewOrder(body, clientOrderId, "new");
                if ((string?)body["order_class"] == "bracket")
                {
                    var exitSide = (string)body["side"]! == "buy" ? "sell" : "buy";
                    var takeProfit = NewOrder(new JsonObject { ["symbol"] = body["symbol"]!.DeepClone(), ["qty"] = body["qty"]!.DeepClone(), ["side"] = exitSide, ["type"] = "limit", ["time_in_force"] = body["time_in_force"]!.DeepClone(), ["limit_price"] = body["take_profit"]!["limit_price"]!.DeepClone() }, Guid.NewGuid().ToString(), "held");
                    var stopLoss = NewOrder(new JsonObject { ["symbol"] = body["symbol"]!.DeepClone(), ["qty"] = body["qty"]!.DeepClone(), ["side"] = exitSide, ["type"] = "stop", ["time_in_force"] = body["time_in_force"]!.DeepClone(), ["stop_price"] = body["stop_loss"]!["stop_price"]!.DeepClone() }, Guid.NewGuid().ToString(), "held");
                    takeProfit["leg"] = true;
                    stopLoss["leg"] = true;
                    order["order_class"] = "bracket";
                    order["legs"] = new JsonArray(takeProfit.DeepClone(), stopLoss.DeepClone());
                    _orders.Add(takeProfit);
                    _orders.Add(stopLoss);
                }

                _orders.Add(order);
                order = (JsonObject)order.DeepClone();
            }
        }

        if (order is null)
        {
            await ErrorAsync(context, "duplicate_client_order_id");
            return;
        }

        Publish("new", order);
        switch (fault)
        {
            case SubmitFault.LoseAnswer:
                context.Abort();
                return;
            case SubmitFault.DelayAnswer:
                await Task.Delay(TimeSpan.FromSeconds(5));
                break;
        }

        await Results.Text(StripLegMarkers(order).ToJsonString(), "application/json", statusCode: 200).ExecuteAsync(context);
    }

    private async Task ReplaceAsync(HttpContext context, string id)
    {
        var body = JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync())!.AsObject();
        JsonObject? replaced = null;
        JsonObject? replacing = null;
        string? error = null;
        lock (_lock)
        {
            var old = _orders.FirstOrDefault(o => (string?)o["id"] == id);
            if (old is null)
            {
                error = "order_not_found";
            }
            else if ((string)old["status"]! is not ("new" or "accepted"))
            {
                error = "not_cancelable";
            }
            else if (_orders.Any(o => (string?)o["client_order_id"] == (string?)body["client_order_id"]))
            {
                error = "duplicate_client_order_id";
            }
            else
            {
                var merged = (JsonObject)old.DeepClone();
                foreach (var field in new[] { "qty", "limit_price", "stop_price" })
                {
                    if (body[field] is { } v)
                    {
                        merged[field] = v.DeepClone();
                    }
                }

                replacing = NewOrder(merged, (string?)body["client_order_id"] ?? Guid.NewGuid().ToString(), "new");
                replacing["replaces"] = id;
                var now = Tick();
                old["status"] = "replaced";
                old["replaced_at"] = Iso(now);
                old["updated_at"] = Iso(now);
                old["replaced_by"] = (string)replacing["id"]!;
                _orders.Add(replacing);
                replaced = (JsonObject)old.DeepClone();
                replacing = (JsonObject)replacing.DeepClone();
            }
        }

        if (error is not null)
        {
            await ErrorAsync(context, error);
            return;
        }

        Publish("replaced", replaced!);
        Publish("new", replacing!);
        await Results.Text(replacing!.ToJsonString(), "application/json").ExecuteAsync(context);
    }

    private bool Cancel(JsonObject order)
    {
        JsonObject copy;
        lock (_lock)
        {
            if ((string)order["status"]! is not ("new" or "accepted" or "partially_filled" or "held"))
            {
                return false;
            }

            order["status"] = "canceled";
            var now = Tick();
            order["canceled_at"] = Iso(now);
            order["updated_at"] = Iso(now);
            copy = (JsonObject)order.DeepClone();
        }

        Publish("canceled", copy);
        return true;
    }

    private async Task StreamAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest || RefuseStreams)
        {
            context.Response.StatusCode = RefuseStreams ? 503 : 400;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        Interlocked.Increment(ref _streamConnections);
        var gate = new SemaphoreSlim(1, 1);
        try
        {
            var auth = await ReceiveAsync(socket);
            var authorized = auth?["action"]?.GetValue<string>() == "auth" && auth["key"]?.GetValue<string>() == KeyId && auth["secret"]?.GetValue<string>() == Secret;
            await SendAsync(socket, gate, new JsonObject { ["stream"] = "authorization", ["data"] = new JsonObject { ["action"] = "authenticate", ["status"] = authorized ? "authorized" : "unauthorized" } }.ToJsonString());
            if (!authorized)
            {
                await socket.CloseAsync(WebSocketCloseStatus.PolicyViolation, "unauthorized", CancellationToken.None);
                return;
            }

            var listen = await ReceiveAsync(socket);
            var streams = listen?["data"]?["streams"]?.AsArray().Select(s => s!.GetValue<string>()).ToArray() ?? [];
            await SendAsync(socket, gate, new JsonObject { ["stream"] = "listening", ["data"] = new JsonObject { ["streams"] = new JsonArray(streams.Where(s => s == "trade_updates").Select(s => (JsonNode)s).ToArray()) } }.ToJsonString());
            if (streams.Contains("trade_updates"))
            {
                _listeners[socket] = gate;
            }

            while (socket.State == WebSocketState.Open && await ReceiveAsync(socket) is not null)
            {
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            // A dropped connection.
        }
        finally
        {
            _listeners.TryRemove(socket, out _);
        }
    }

    private static async Task<JsonObject?> ReceiveAsync(WebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return JsonNode.Parse(message.ToArray())?.AsObject();
            }
        }
    }

    // Binary frames, as the paper endpoint sends them.
    private static async Task SendAsync(WebSocket socket, SemaphoreSlim gate, string json)
    {
        await gate.WaitAsync();
        try
        {
            if (socket.State == WebSocketState.Open)
            {
                await socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Binary, true, CancellationToken.None);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or IOException)
        {
            // The connection is gone; the client catches up over REST.
        }
        finally
        {
            gate.Release();
        }
    }

    private JsonObject NewOrder(JsonObject body, string clientOrderId, string status)
    {
        var order = Fixture("order.json");
        var now = Tick();
        order["id"] = Guid.NewGuid().ToString();
        order["client_order_id"] = clientOrderId;
        // One node per field: a JsonNode has one parent.
        order["created_at"] = Iso(now);
        order["updated_at"] = Iso(now);
        order["submitted_at"] = Iso(now);
        order["symbol"] = body["symbol"]!.DeepClone();
        order["qty"] = body["qty"]!.DeepClone();
        order["side"] = body["side"]!.DeepClone();
        order["type"] = body["type"]!.DeepClone();
        order["order_type"] = body["type"]!.DeepClone();
        order["time_in_force"] = body["time_in_force"]!.DeepClone();
        order["limit_price"] = body["limit_price"]?.DeepClone();
        order["stop_price"] = body["stop_price"]?.DeepClone();
        order["order_class"] = "simple";
        order["status"] = status;
        return order;
    }

    private JsonObject Position(string symbol)
    {
        var (qty, avg) = _positions[symbol];
        var p = Fixture("position.json");
        p["symbol"] = symbol;
        p["qty"] = Str(qty);
        p["qty_available"] = Str(qty);
        p["side"] = qty < 0 ? "short" : "long";
        p["avg_entry_price"] = Str(avg);
        return p;
    }

    private JsonObject Find(string clientOrderId) => Find(clientOrderId, locked: true)!;

    private JsonObject? Find(string key, bool locked, bool byVenueId = false)
    {
        JsonObject? Search() => _orders.FirstOrDefault(o => (string?)o[byVenueId ? "id" : "client_order_id"] == key);
        if (locked)
        {
            return Search() ?? throw new InvalidOperationException($"fake Alpaca has no order '{key}'");
        }

        lock (_lock)
        {
            return Search();
        }
    }

    private static bool IsLeg(JsonObject o) => o["leg"] is not null;

    private static JsonObject StripLegMarkers(JsonObject order)
    {
        if (order["legs"] is JsonArray legs)
        {
            foreach (var leg in legs)
            {
                leg!.AsObject().Remove("leg");
            }
        }

        return order;
    }

    // The wall clock, strictly increasing (whole microseconds, as Alpaca writes them), so order times are distinct.
    private DateTime Tick()
    {
        var now = DateTime.UtcNow;
        now = new DateTime(now.Ticks - (now.Ticks % 10), DateTimeKind.Utc);
        return _clock = now > _clock ? now : _clock.AddTicks(10);
    }

    private static string Iso(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static double Num(JsonNode? n) => double.Parse(n!.GetValue<string>(), CultureInfo.InvariantCulture);

    private static string Str(double v) => v.ToString(CultureInfo.InvariantCulture);

    private static IResult Json(JsonObject o) => Results.Text(StripLegMarkers((JsonObject)o.DeepClone()).ToJsonString(), "application/json");

    private static IResult Error(string key)
    {
        var e = Fixture("errors.json")[key]!;
        return Results.Text(e["body"]!.ToJsonString(), "application/json", statusCode: e["status"]!.GetValue<int>());
    }

    private static Task ErrorAsync(HttpContext context, string key) => Error(key).ExecuteAsync(context);
}
