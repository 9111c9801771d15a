using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using MarketIntel.Brokers.Tests.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MarketIntel.Brokers.Tests.Schwab;

/// <summary>
/// A local stand-in for Schwab's Trader API and OAuth token endpoint on Kestrel (127.0.0.1, a free port), its payloads
/// built from the documented shapes in <c>Fixtures/Schwab</c>. It enforces what Schwab does: HTTP Basic client
/// authentication and <c>invalid_grant</c> at <c>/v1/oauth/token</c>, a valid bearer token on every Trader API call (401
/// otherwise), account hashes, 201 with the order id only in <c>Location</c>, both entered-time bounds on order lists,
/// TRIGGER children waiting as AWAITING_PARENT_ORDER, replace as REPLACED plus a new order, and preview verdicts.
/// Faults per test: lose, delay or 503 a submit, 429s, rejections, failing order-list polls, expired access tokens,
/// rotated or revoked refresh tokens.
/// </summary>
public sealed class FakeSchwabServer : IAsyncDisposable
{
    public const string ClientId = "test-client-id";
    public const string ClientSecret = "test-client-secret-SECRET";
    public const string AccountNumber = "12345678";
    public const string AuthorizationCode = "test-authorization-code";
    public const string RedirectUri = "https://127.0.0.1:8182/callback";

    private static readonly string FixtureDir = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Schwab");
    private readonly WebApplication _app;
    private readonly Lock _lock = new();
    private readonly List<JsonObject> _orders = [];
    private readonly Dictionary<string, (double Qty, double Avg)> _positions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _accessTokens = new(StringComparer.Ordinal);
    private readonly HashSet<string> _refreshTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Method, string Path)> _requests = new();
    private readonly ConcurrentQueue<string> _submitBodies = new();
    private long _nextId = 1001;
    private int _tokenNumber;
    private int _tooManyRequests;

    private FakeSchwabServer(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public static string AccountHash => (string)Fixture("account_numbers.json").AsArray()[0]!["hashValue"]!;

    public SubmitFault NextSubmitFault { get; set; }

    public int? RetryAfterSeconds { get; set; }

    /// <summary>The error (a key of <c>errors.json</c>) the next submit is answered with (400), creating nothing.</summary>
    public string? RejectNextSubmitWith { get; set; }

    public bool RejectNextPreview { get; set; }

    /// <summary>Answer the order list with 503 (a poll that fails).</summary>
    public bool FailOrderLists { get; set; }

    /// <summary>A refresh answers with a new refresh token and invalidates the old one.</summary>
    public bool RotateRefreshTokens { get; set; }

    public IReadOnlyList<string> SubmitBodies => _submitBodies.ToArray();

    public int Count(string method, string pathPrefix) => _requests.Count(r => r.Method == method && r.Path.StartsWith(pathPrefix, StringComparison.Ordinal));

    public int TokenRequests(string grantType) => _requests.Count(r => r.Method == "POST" && r.Path == "/v1/oauth/token#" + grantType);

    public static async Task<FakeSchwabServer> StartAsync()
    {
        var app = LoopbackServer.Create();
        var fake = new FakeSchwabServer(app);
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

    /// <summary>Issues a token pair as an authorization would (for tests that start authorized): (access, refresh).</summary>
    public (string Access, string Refresh) IssueTokens()
    {
        lock (_lock)
        {
            var n = ++_tokenNumber;
            var pair = ($"access-{n}-SECRET", $"refresh-{n}-SECRET");
            _accessTokens.Add(pair.Item1);
            _refreshTokens.Add(pair.Item2);
            return pair;
        }
    }

    /// <summary>Every access token issued so far stops working (Schwab's 30 minutes are up, or the token was revoked).</summary>
    public void ExpireAccessTokens()
    {
        lock (_lock)
        {
            _accessTokens.Clear();
        }
    }

    public void RevokeRefreshTokens()
    {
        lock (_lock)
        {
            _refreshTokens.Clear();
        }
    }

    public bool IsRefreshTokenValid(string token)
    {
        lock (_lock)
        {
            return _refreshTokens.Contains(token);
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

    public JsonObject Order(string orderId)
    {
        lock (_lock)
        {
            return (JsonObject)Find(orderId)!.DeepClone();
        }
    }

    /// <summary>An order placed outside this adapter (another app, the website) with the given body.</summary>
    public string PlaceElsewhere(string body)
    {
        lock (_lock)
        {
            return Create(JsonNode.Parse(body)!.AsObject());
        }
    }

    /// <summary>An execution of <paramref name="quantity"/> at <paramref name="price"/>: the order stays WORKING until all is filled.</summary>
    public void Fill(string orderId, double quantity, double price)
    {
        lock (_lock)
        {
            var order = Find(orderId) ?? throw new InvalidOperationException($"fake Schwab has no order {orderId}");
            var status = (string)order["status"]!;
            if (status is not ("WORKING" or "QUEUED" or "ACCEPTED"))
            {
                throw new InvalidOperationException($"fake Schwab: a {status} order cannot fill");
            }

            var total = (double)order["quantity"]!;
            var filled = (double)order["filledQuantity"]! + quantity;
            var execution = Fixture("execution.json").AsObject();
            execution["activityId"] = _nextId++;
            execution["quantity"] = quantity;
            execution["orderRemainingQuantity"] = total - filled;
            var leg = execution["executionLegs"]![0]!.AsObject();
            leg["price"] = price;
            leg["quantity"] = quantity;
            leg["time"] = Now();
            var activities = order["orderActivityCollection"] as JsonArray ?? [];
            activities.Add(execution);
            order["orderActivityCollection"] = activities;
            order["filledQuantity"] = filled;
            order["remainingQuantity"] = total - filled;
            if (filled >= total)
            {
                order["status"] = "FILLED";
                order["closeTime"] = Now();
                order["cancelable"] = false;
                ReleaseChildren(order);
            }
        }
    }

    private void Map()
    {
        _app.Use(async (context, next) =>
        {
            var path = context.Request.Path.Value ?? "";
            if (path == "/v1/oauth/token")
            {
                await next();
                return;
            }

            _requests.Enqueue((context.Request.Method, path + context.Request.QueryString));
            if (LoopbackServer.TakeOne(ref _tooManyRequests))
            {
                if (RetryAfterSeconds is { } seconds)
                {
                    context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                }

                context.Response.StatusCode = 429;
                await context.Response.WriteAsync("""{"message":"Too many requests","errors":[]}""");
                return;
            }

            var auth = context.Request.Headers.Authorization.ToString();
            bool valid;
            lock (_lock)
            {
                valid = auth.StartsWith("Bearer ", StringComparison.Ordinal) && _accessTokens.Contains(auth["Bearer ".Length..]);
            }

            if (!valid)
            {
                context.Response.StatusCode = 401;
                await context.Response.WriteAsync("""{"message":"Client not authorized","errors":[]}""");
                return;
            }

            await next();
        });

        _app.MapPost("/v1/oauth/token", TokenAsync);
        _app.MapGet("/trader/v1/accounts/accountNumbers", () => Results.Text(Fixture("account_numbers.json").ToJsonString(), "application/json"));
        _app.MapGet("/trader/v1/accounts/{hash}", (string hash, HttpContext context) =>
        {
            if (hash != AccountHash)
            {
                return Results.NotFound();
            }

            var account = Fixture("account.json").AsObject();
            if (context.Request.Query["fields"] == "positions")
            {
                var positions = new JsonArray();
                lock (_lock)
                {
                    foreach (var (symbol, (qty, avg)) in _positions)
                    {
                        var p = Fixture("position.json").AsObject();
                        p["instrument"]!["symbol"] = symbol;
                        p[qty >= 0 ? "longQuantity" : "shortQuantity"] = Math.Abs(qty);
                        p["averagePrice"] = avg;
                        p["marketValue"] = qty * avg;
                        positions.Add(p);
                    }
                }

                account["securitiesAccount"]!["positions"] = positions;
            }
            else
            {
                account["securitiesAccount"]!.AsObject().Remove("positions");
            }

            return Results.Text(account.ToJsonString(), "application/json");
        });
        _app.MapPost("/trader/v1/accounts/{hash}/orders", SubmitAsync);
        _app.MapPost("/trader/v1/accounts/{hash}/previewOrder", () =>
        {
            var verdict = RejectNextPreview ? "preview_reject.json" : "preview.json";
            RejectNextPreview = false;
            return Results.Text(Fixture(verdict).ToJsonString(), "application/json");
        });
        _app.MapGet("/trader/v1/accounts/{hash}/orders", (HttpContext context) =>
        {
            if (FailOrderLists)
            {
                return Results.StatusCode(503);
            }

            if (!DateTimeOffset.TryParse(context.Request.Query["fromEnteredTime"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var from)
                || !DateTimeOffset.TryParse(context.Request.Query["toEnteredTime"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var to))
            {
                return Results.Text("""{"message":"fromEnteredTime and toEnteredTime are required","errors":[]}""", "application/json", statusCode: 400);
            }

            lock (_lock)
            {
                var list = new JsonArray();
                foreach (var o in _orders.Where(o => o["parentId"] is null))
                {
                    var entered = Entered(o);
                    if (entered >= from && entered <= to)
                    {
                        list.Add(Public(o));
                    }
                }

                return Results.Text(list.ToJsonString(), "application/json");
            }
        });
        _app.MapGet("/trader/v1/accounts/{hash}/orders/{id}", (string id) =>
        {
            lock (_lock)
            {
                return Find(id) is { } o ? Results.Text(Public(o).ToJsonString(), "application/json") : Results.NotFound();
            }
        });
        _app.MapDelete("/trader/v1/accounts/{hash}/orders/{id}", (string id) =>
        {
            lock (_lock)
            {
                var o = Find(id);
                if (o is null)
                {
                    return Results.NotFound();
                }

                if (!(bool)o["cancelable"]!)
                {
                    return Error("not_cancelable");
                }

                o["status"] = "CANCELED";
                o["cancelable"] = false;
                o["closeTime"] = Now();
                return Results.Ok();
            }
        });
        _app.MapPut("/trader/v1/accounts/{hash}/orders/{id}", async (string id, HttpContext context) =>
        {
            var body = JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync())!.AsObject();
            string newId;
            lock (_lock)
            {
                var o = Find(id);
                if (o is null || !(bool)o["editable"]!)
                {
                    return o is null ? Results.NotFound() : Error("not_cancelable");
                }

                o["status"] = "REPLACED";
                o["cancelable"] = false;
                o["editable"] = false;
                o["closeTime"] = Now();
                newId = Create(body);
            }

            context.Response.Headers.Location = Location(newId);
            return Results.StatusCode(201);
        });
    }

    private async Task TokenAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        var grant = form["grant_type"].ToString();
        _requests.Enqueue(("POST", "/v1/oauth/token#" + grant));
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}"));
        if (context.Request.Headers.Authorization.ToString() != expected)
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsync("""{"error":"invalid_client","error_description":"Unauthorized"}""");
            return;
        }

        string refresh;
        lock (_lock)
        {
            switch (grant)
            {
                case "authorization_code" when form["code"] == AuthorizationCode && form["redirect_uri"] == RedirectUri:
                    refresh = $"refresh-{++_tokenNumber}-SECRET";
                    _refreshTokens.Add(refresh);
                    break;
                case "refresh_token" when _refreshTokens.Contains(form["refresh_token"].ToString()):
                    refresh = form["refresh_token"].ToString();
                    if (RotateRefreshTokens)
                    {
                        _refreshTokens.Remove(refresh);
                        refresh = $"refresh-{++_tokenNumber}-SECRET";
                        _refreshTokens.Add(refresh);
                    }

                    break;
                default:
                    refresh = "";
                    break;
            }
        }

        if (refresh.Length == 0)
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsync("""{"error":"invalid_grant","error_description":"the grant is invalid or expired"}""");
            return;
        }

        var token = Fixture("token.json").AsObject();
        lock (_lock)
        {
            var access = $"access-{++_tokenNumber}-SECRET";
            _accessTokens.Add(access);
            token["access_token"] = access;
        }

        token["refresh_token"] = refresh;
        await Results.Text(token.ToJsonString(), "application/json").ExecuteAsync(context);
    }

    private async Task SubmitAsync(HttpContext context)
    {
        var text = await new StreamReader(context.Request.Body).ReadToEndAsync();
        _submitBodies.Enqueue(text);
        if (RejectNextSubmitWith is { } reject)
        {
            RejectNextSubmitWith = null;
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

        string id;
        lock (_lock)
        {
            id = Create(JsonNode.Parse(text)!.AsObject());
        }

        switch (fault)
        {
            case SubmitFault.LoseAnswer:
                context.Abort();
                return;
            case SubmitFault.DelayAnswer:
                await Task.Delay(TimeSpan.FromSeconds(5));
                break;
        }

        context.Response.Headers.Location = Location(id);
        context.Response.StatusCode = 201;
    }

    private string Location(string id) => new Uri(BaseUrl, $"/trader/v1/accounts/{AccountHash}/orders/{id}").ToString();

    /// <summary>An order from a request body: the documented order object's fields, WORKING (children AWAITING_PARENT_ORDER).</summary>
    private string Create(JsonObject body, string? parentId = null, string status = "WORKING")
    {
        var order = Fixture("order.json").AsObject();
        foreach (var (key, value) in body)
        {
            if (key != "childOrderStrategies")
            {
                order[key] = value?.DeepClone();
            }
        }

        var id = (_nextId++).ToString(CultureInfo.InvariantCulture);
        var quantity = (double)order["orderLegCollection"]![0]!["quantity"]!;
        order["orderId"] = long.Parse(id, CultureInfo.InvariantCulture);
        order["quantity"] = quantity;
        order["remainingQuantity"] = quantity;
        order["status"] = status;
        order["enteredTime"] = Now();
        if (parentId is not null)
        {
            order["parentId"] = parentId;
        }

        _orders.Add(order);
        if (body["childOrderStrategies"] is JsonArray children)
        {
            var ids = new JsonArray();
            foreach (var child in children)
            {
                var c = child!.AsObject();
                if ((string?)c["orderStrategyType"] == "OCO")
                {
                    // The OCO container holds the two exits; they wait on the parent as one group.
                    var group = new JsonArray();
                    foreach (var exit in (JsonArray)c["childOrderStrategies"]!)
                    {
                        group.Add(Create(exit!.AsObject(), id, "AWAITING_PARENT_ORDER"));
                    }

                    ids.Add(new JsonObject { ["oco"] = group });
                }
                else
                {
                    ids.Add(Create(c, id, "AWAITING_PARENT_ORDER"));
                }
            }

            order["childIds"] = ids;
        }

        return id;
    }

    private void ReleaseChildren(JsonObject parent)
    {
        foreach (var child in Descendants(parent))
        {
            if ((string)child["status"]! == "AWAITING_PARENT_ORDER")
            {
                child["status"] = "WORKING";
            }
        }
    }

    private IEnumerable<JsonObject> Descendants(JsonObject parent)
    {
        if (parent["childIds"] is not JsonArray ids)
        {
            yield break;
        }

        foreach (var entry in ids)
        {
            if (entry is JsonObject group)
            {
                foreach (var id in (JsonArray)group["oco"]!)
                {
                    yield return Find((string)id!)!;
                }
            }
            else
            {
                yield return Find((string)entry!)!;
            }
        }
    }

    /// <summary>The order as Schwab shows it: children nested under childOrderStrategies (the OCO as a container), no fake bookkeeping.</summary>
    private JsonObject Public(JsonObject order)
    {
        var copy = (JsonObject)order.DeepClone();
        copy.Remove("parentId");
        copy.Remove("childIds");
        if (order["childIds"] is JsonArray ids)
        {
            var children = new JsonArray();
            foreach (var entry in ids)
            {
                if (entry is JsonObject group)
                {
                    var exits = new JsonArray();
                    foreach (var id in (JsonArray)group["oco"]!)
                    {
                        exits.Add(Public(Find((string)id!)!));
                    }

                    children.Add(new JsonObject { ["orderStrategyType"] = "OCO", ["childOrderStrategies"] = exits });
                }
                else
                {
                    children.Add(Public(Find((string)entry!)!));
                }
            }

            copy["childOrderStrategies"] = children;
        }

        return copy;
    }

    private JsonObject? Find(string id) => _orders.FirstOrDefault(o => o["orderId"]!.ToString() == id);

    private static DateTimeOffset Entered(JsonObject o)
    {
        var text = (string)o["enteredTime"]!;
        return DateTimeOffset.Parse(text[..^2] + ":" + text[^2..], CultureInfo.InvariantCulture);
    }

    private static string Now() => DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture);

    private static IResult Error(string key) =>
        Results.Text(Fixture("errors.json")[key]!.ToJsonString(), "application/json", statusCode: 400);
}
