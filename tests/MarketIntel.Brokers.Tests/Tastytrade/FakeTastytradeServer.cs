using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using MarketIntel.Brokers.Tests.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MarketIntel.Brokers.Tests.Tastytrade;

/// <summary>
/// A local stand-in for tastytrade's API on Kestrel (127.0.0.1, a free port), its payloads built from the documented
/// shapes in <c>Fixtures/Tastytrade</c>. It enforces what tastytrade does: the refresh grant at <c>/oauth/token</c> with
/// the client secret, a valid bearer token (401 otherwise) and a User-Agent on every call, answers wrapped in
/// <c>{"data": ...}</c>, no deduplication of submissions (an external-identifier is only echoed), OTO/OTOCO complex orders
/// whose contingent orders wait as Contingent, cancel-replace, and preflight failures as 422. Faults per test: lose, delay
/// or 503 a submit, 429s without headers, rejections, failing order searches, expired access tokens.
/// </summary>
public sealed class FakeTastytradeServer : IAsyncDisposable
{
    public const string ClientSecret = "tt-client-secret-SECRET";
    public const string RefreshToken = "tt-refresh-token-SECRET";
    public const string AccountNumber = "5WT00001";

    private static readonly string FixtureDir = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Tastytrade");
    private readonly WebApplication _app;
    private readonly Lock _lock = new();
    private readonly List<JsonObject> _orders = [];
    private readonly Dictionary<string, JsonObject> _complex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (double Qty, double Avg)> _positions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _accessTokens = new(StringComparer.Ordinal);
    private readonly HashSet<string> _grants = new(StringComparer.Ordinal) { RefreshToken };
    private readonly ConcurrentQueue<(string Method, string Path)> _requests = new();
    private readonly ConcurrentQueue<string> _submitBodies = new();
    private long _nextId = 54758826;
    private int _tokenNumber;
    private int _tooManyRequests;

    private FakeTastytradeServer(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public SubmitFault NextSubmitFault { get; set; }

    /// <summary>The error (a key of <c>errors.json</c>) the next submit or dry run is answered with (422), creating nothing.</summary>
    public string? RejectNextWith { get; set; }

    public bool WarnOnDryRun { get; set; }

    public bool FailOrderSearches { get; set; }

    public bool RefreshTokenRevoked { get; set; }

    /// <summary>A grant the user makes on the site after revoking the first (<see cref="Grant"/> makes it valid).</summary>
    public const string SecondRefreshToken = "tt-refresh-token-2-SECRET";

    public IReadOnlyList<string> SubmitBodies => _submitBodies.ToArray();

    /// <summary>Makes <paramref name="refreshToken"/> a valid grant; <see cref="Revoke"/> ends one.</summary>
    public void Grant(string refreshToken)
    {
        lock (_lock)
        {
            _grants.Add(refreshToken);
        }
    }

    public void Revoke(string refreshToken)
    {
        lock (_lock)
        {
            _grants.Remove(refreshToken);
        }
    }

    private bool IsGranted(string? refreshToken)
    {
        lock (_lock)
        {
            return refreshToken is not null && _grants.Contains(refreshToken);
        }
    }

    public int Count(string method, string path) => _requests.Count(r => r.Method == method && r.Path == path);

    public static async Task<FakeTastytradeServer> StartAsync()
    {
        var app = LoopbackServer.Create();
        var fake = new FakeTastytradeServer(app);
        fake.Map();
        fake.BaseUrl = await LoopbackServer.StartAsync(app);
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public static JsonNode Fixture(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(FixtureDir, name)))!;

    public void ExpireAccessTokens()
    {
        lock (_lock)
        {
            _accessTokens.Clear();
        }
    }

    public void AnswerTooManyRequests(int count) => Interlocked.Exchange(ref _tooManyRequests, count);

    public void SetPosition(string symbol, double quantity, double average)
    {
        lock (_lock)
        {
            _positions[symbol] = (quantity, average);
        }
    }

    public int OrderCount()
    {
        lock (_lock)
        {
            return _orders.Count;
        }
    }

    /// <summary>An order placed outside this adapter carrying <paramref name="externalId"/> (another process reusing it).</summary>
    public void PlaceElsewhere(string symbol, string externalId)
    {
        lock (_lock)
        {
            Create(new JsonObject
            {
                ["time-in-force"] = "Day",
                ["order-type"] = "Market",
                ["external-identifier"] = externalId,
                ["legs"] = new JsonArray(new JsonObject { ["instrument-type"] = "Equity", ["symbol"] = symbol, ["quantity"] = 1, ["action"] = "Buy to Open" }),
            }, "Live", null);
        }
    }

    /// <summary>An execution; the order is Filled when nothing remains, and its contingent orders go Live.</summary>
    public void Fill(string orderId, double quantity, double price)
    {
        lock (_lock)
        {
            var order = Find(orderId) ?? throw new InvalidOperationException($"fake tastytrade has no order {orderId}");
            if ((string)order["status"]! != "Live")
            {
                throw new InvalidOperationException($"fake tastytrade: a {(string)order["status"]!} order cannot fill");
            }

            var leg = order["legs"]![0]!.AsObject();
            var fill = Fixture("fill.json").AsObject();
            fill["fill-id"] = (_nextId++).ToString(CultureInfo.InvariantCulture);
            fill["quantity"] = quantity;
            fill["fill-price"] = price.ToString(CultureInfo.InvariantCulture);
            fill["filled-at"] = Now();
            var fills = leg["fills"] as JsonArray ?? [];
            fills.Add(fill);
            leg["fills"] = fills;
            var remaining = (double)leg["remaining-quantity"]! - quantity;
            leg["remaining-quantity"] = remaining;
            order["updated-at"] = Now();
            if (remaining <= 0)
            {
                order["status"] = "Filled";
                order["cancellable"] = false;
                order["editable"] = false;
                order["terminal-at"] = Now();
                if (order["complex-order-id"] is { } complexId && _complex.TryGetValue(complexId.ToString(), out var complex)
                    && complex["trigger-order-id"]!.ToString() == orderId)
                {
                    foreach (var id in (JsonArray)complex["order-ids"]!)
                    {
                        Find(id!.ToString())!["status"] = "Live";
                    }
                }
            }
        }
    }

    private void Map()
    {
        _app.Use(async (context, next) =>
        {
            var path = context.Request.Path.Value ?? "";
            _requests.Enqueue((context.Request.Method, path));
            if (path == "/oauth/token")
            {
                await next();
                return;
            }

            if (LoopbackServer.TakeOne(ref _tooManyRequests))
            {
                context.Response.StatusCode = 429;
                return;
            }

            bool valid;
            var auth = context.Request.Headers.Authorization.ToString();
            lock (_lock)
            {
                valid = auth.StartsWith("Bearer ", StringComparison.Ordinal) && _accessTokens.Contains(auth["Bearer ".Length..]);
            }

            if (!valid)
            {
                context.Response.StatusCode = 401;
                await context.Response.WriteAsync("""{"error":{"code":"unauthorized","message":"Token is invalid or expired"}}""");
                return;
            }

            if (string.IsNullOrEmpty(context.Request.Headers.UserAgent))
            {
                context.Response.StatusCode = 400;
                await context.Response.WriteAsync("""{"error":{"code":"user_agent_required","message":"A User-Agent header is required"}}""");
                return;
            }

            await next();
        });

        _app.MapPost("/oauth/token", async (HttpContext context) =>
        {
            var body = JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync())!.AsObject();
            if ((string?)body["grant_type"] != "refresh_token" || (string?)body["client_secret"] != ClientSecret || !IsGranted((string?)body["refresh_token"]) || RefreshTokenRevoked)
            {
                return Results.Text("""{"error":"invalid_grant","error_description":"Grant is invalid"}""", "application/json", statusCode: 400);
            }

            string access;
            lock (_lock)
            {
                access = $"tt-access-{++_tokenNumber}-SECRET";
                _accessTokens.Add(access);
            }

            return Results.Text(new JsonObject { ["access_token"] = access, ["token_type"] = "Bearer", ["expires_in"] = 900 }.ToJsonString(), "application/json");
        });

        const string account = "/accounts/{account}";
        _app.MapPost(account + "/orders", (HttpContext context) => SubmitAsync(context, complex: false));
        _app.MapPost(account + "/complex-orders", (HttpContext context) => SubmitAsync(context, complex: true));
        _app.MapPost(account + "/orders/dry-run", DryRunAsync);
        _app.MapPost(account + "/complex-orders/dry-run", DryRunAsync);
        _app.MapGet(account + "/orders/live", () =>
        {
            lock (_lock)
            {
                return Data(new JsonObject { ["items"] = new JsonArray(_orders.Select(o => (JsonNode)o.DeepClone()).ToArray()) });
            }
        });
        _app.MapGet(account + "/orders", (HttpContext context) =>
        {
            if (FailOrderSearches)
            {
                return Results.StatusCode(503);
            }

            var from = DateTimeOffset.Parse(context.Request.Query["start-at"]!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            var perPage = int.Parse(context.Request.Query["per-page"]!, CultureInfo.InvariantCulture);
            var offset = int.Parse(context.Request.Query["page-offset"]!, CultureInfo.InvariantCulture);
            lock (_lock)
            {
                var all = _orders.Where(o => DateTimeOffset.Parse((string)o["received-at"]!, CultureInfo.InvariantCulture) >= from).ToList();
                var page = all.Skip(offset * perPage).Take(perPage).Select(o => (JsonNode)o.DeepClone()).ToArray();
                var answer = new JsonObject
                {
                    ["data"] = new JsonObject { ["items"] = new JsonArray(page) },
                    ["pagination"] = new JsonObject { ["per-page"] = perPage, ["page-offset"] = offset, ["total-pages"] = Math.Max(1, (all.Count + perPage - 1) / perPage) },
                };
                return Results.Text(answer.ToJsonString(), "application/json");
            }
        });
        _app.MapGet(account + "/orders/{id}", (string id) =>
        {
            lock (_lock)
            {
                return Find(id) is { } o ? Data(o.DeepClone()) : Results.NotFound();
            }
        });
        _app.MapGet(account + "/complex-orders/{id}", (string id) =>
        {
            lock (_lock)
            {
                return _complex.TryGetValue(id, out var c) ? Data(ComplexView(c)) : Results.NotFound();
            }
        });
        _app.MapDelete(account + "/orders/{id}", (string id) =>
        {
            lock (_lock)
            {
                var o = Find(id);
                return o is null ? Results.NotFound() : Cancel(o) ? Data(o.DeepClone()) : Error("not_cancellable");
            }
        });
        _app.MapDelete(account + "/complex-orders/{id}", (string id) =>
        {
            lock (_lock)
            {
                if (!_complex.TryGetValue(id, out var c))
                {
                    return Results.NotFound();
                }

                foreach (var o in Members(c))
                {
                    Cancel(o);
                }

                return Data(ComplexView(c));
            }
        });
        _app.MapPut(account + "/orders/{id}", async (string id, HttpContext context) =>
        {
            var body = JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync())!.AsObject();
            lock (_lock)
            {
                var old = Find(id);
                if (old is null || !(bool)old["editable"]!)
                {
                    return old is null ? Results.NotFound() : Error("not_cancellable");
                }

                var replacement = (JsonObject)old.DeepClone();
                Cancel(old);
                foreach (var (key, value) in body)
                {
                    replacement[key] = value?.DeepClone();
                }

                replacement.Remove("terminal-at");
                replacement.Remove("replacing-order-id");
                replacement["legs"]![0]!["fills"] = new JsonArray();
                var created = Create(replacement, "Live", null);
                created["replaces-order-id"] = long.Parse(id, CultureInfo.InvariantCulture);
                old["replacing-order-id"] = created["id"]!.DeepClone();
                return Data(created.DeepClone());
            }
        });
        _app.MapGet(account + "/positions", () =>
        {
            lock (_lock)
            {
                var items = new JsonArray();
                foreach (var (symbol, (qty, avg)) in _positions)
                {
                    var p = Fixture("position.json").AsObject();
                    p["symbol"] = symbol;
                    p["underlying-symbol"] = symbol;
                    p["quantity"] = Math.Abs(qty);
                    p["quantity-direction"] = qty < 0 ? "Short" : "Long";
                    p["average-open-price"] = avg.ToString(CultureInfo.InvariantCulture);
                    items.Add(p);
                }

                return Data(new JsonObject { ["items"] = items });
            }
        });
        _app.MapGet(account + "/balances", () => Results.Text(Fixture("balances.json").ToJsonString(), "application/json"));
    }

    private async Task DryRunAsync(HttpContext context)
    {
        var body = JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync())!.AsObject();
        if (RejectNextWith is { } reject)
        {
            RejectNextWith = null;
            await Error(reject).ExecuteAsync(context);
            return;
        }

        var data = new JsonObject
        {
            ["order"] = body.DeepClone(),
            ["warnings"] = WarnOnDryRun ? Fixture("warnings.json") : new JsonArray(),
            ["buying-power-effect"] = Fixture("buying_power_effect.json"),
        };
        await Data(data, 201).ExecuteAsync(context);
    }

    private async Task SubmitAsync(HttpContext context, bool complex)
    {
        var text = await new StreamReader(context.Request.Body).ReadToEndAsync();
        _submitBodies.Enqueue(text);
        if (RejectNextWith is { } reject)
        {
            RejectNextWith = null;
            await Error(reject).ExecuteAsync(context);
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
        JsonObject data;
        lock (_lock)
        {
            if (complex)
            {
                var complexId = (_nextId++).ToString(CultureInfo.InvariantCulture);
                var trigger = Create(body["trigger-order"]!.AsObject(), "Live", complexId);
                var others = ((JsonArray)body["orders"]!).Select(o => Create(o!.AsObject(), "Contingent", complexId)).ToList();
                var record = new JsonObject
                {
                    ["id"] = long.Parse(complexId, CultureInfo.InvariantCulture),
                    ["account-number"] = AccountNumber,
                    ["type"] = body["type"]!.DeepClone(),
                    ["trigger-order-id"] = trigger["id"]!.DeepClone(),
                    ["order-ids"] = new JsonArray(others.Select(o => o["id"]!.DeepClone()).ToArray()),
                };
                _complex[complexId] = record;
                data = new JsonObject { ["complex-order"] = ComplexView(record) };
            }
            else
            {
                data = new JsonObject { ["order"] = Create(body, "Live", null).DeepClone() };
            }
        }

        data["warnings"] = new JsonArray();
        data["buying-power-effect"] = Fixture("buying_power_effect.json");
        switch (fault)
        {
            case SubmitFault.LoseAnswer:
                context.Abort();
                return;
            case SubmitFault.DelayAnswer:
                await Task.Delay(TimeSpan.FromSeconds(5));
                break;
        }

        await Data(data, 201).ExecuteAsync(context);
    }

    private JsonObject Create(JsonObject body, string status, string? complexId)
    {
        var order = Fixture("order.json").AsObject();
        foreach (var (key, value) in body)
        {
            order[key] = value?.DeepClone();
        }

        var leg = order["legs"]![0]!.AsObject();
        leg["remaining-quantity"] = leg["quantity"]!.DeepClone();
        leg["fills"] = new JsonArray();
        order["id"] = _nextId++;
        order["size"] = leg["quantity"]!.DeepClone();
        order["underlying-symbol"] = leg["symbol"]!.DeepClone();
        order["status"] = status;
        order["received-at"] = Now();
        order["updated-at"] = Now();
        if (complexId is not null)
        {
            order["complex-order-id"] = long.Parse(complexId, CultureInfo.InvariantCulture);
        }

        _orders.Add(order);
        return order;
    }

    private bool Cancel(JsonObject order)
    {
        if (!(bool)order["cancellable"]! || (string)order["status"]! is "Filled" or "Cancelled" or "Rejected" or "Expired")
        {
            return false;
        }

        order["status"] = "Cancelled";
        order["cancellable"] = false;
        order["editable"] = false;
        order["cancelled-at"] = Now();
        order["terminal-at"] = Now();
        order["updated-at"] = Now();
        return true;
    }

    private IEnumerable<JsonObject> Members(JsonObject complex) =>
        new[] { Find(complex["trigger-order-id"]!.ToString())! }.Concat(((JsonArray)complex["order-ids"]!).Select(id => Find(id!.ToString())!));

    private JsonObject ComplexView(JsonObject complex) => new()
    {
        ["id"] = complex["id"]!.DeepClone(),
        ["account-number"] = AccountNumber,
        ["type"] = complex["type"]!.DeepClone(),
        ["trigger-order"] = Find(complex["trigger-order-id"]!.ToString())!.DeepClone(),
        ["orders"] = new JsonArray(((JsonArray)complex["order-ids"]!).Select(id => (JsonNode)Find(id!.ToString())!.DeepClone()).ToArray()),
    };

    private JsonObject? Find(string id) => _orders.FirstOrDefault(o => o["id"]!.ToString() == id);

    private static string Now() => DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    private static IResult Data(JsonNode data, int status = 200) =>
        Results.Text(new JsonObject { ["data"] = data, ["context"] = "/accounts/" + AccountNumber }.ToJsonString(), "application/json", statusCode: status);

    private static IResult Error(string key) => Results.Text(Fixture("errors.json")[key]!.ToJsonString(), "application/json", statusCode: 422);
}
