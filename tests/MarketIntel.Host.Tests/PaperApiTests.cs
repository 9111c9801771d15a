using System.Net;
using System.Text;
using System.Text.Json;
using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace MarketIntel.Host.Tests;

/// <summary>The paper-trading routes over the local host's HTTP server: keys, idempotent submission, cancel, kill, errors.</summary>
public sealed class PaperApiTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private HttpClient Client => host.Client;

    private static HttpRequestMessage Send(HttpMethod method, string url, string? json = null, string? key = LocalHostFixture.ApiKey)
    {
        var request = new HttpRequestMessage(method, url);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (key is not null)
        {
            request.Headers.Add("x-api-key", key);
        }

        return request;
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> CallAsync(HttpMethod method, string url, string? json = null, string? key = LocalHostFixture.ApiKey)
    {
        var response = await Client.SendAsync(Send(method, url, json, key));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonSerializer.Deserialize<JsonElement>(text));
    }

    private async Task StorePricesAsync(string symbol)
    {
        var end = DateTime.UtcNow.AddMinutes(-2);
        var start = new DateTime(end.Year, end.Month, end.Day, end.Hour, end.Minute, 0, DateTimeKind.Utc).AddMinutes(-10);
        var bars = Enumerable.Range(0, 10).Select(i => new Bar(start.AddMinutes(i), 100, 101, 99, 100, 10m, 5)).ToList();
        await host.Services.GetRequiredService<IBarStore>().UpsertAsync(new Symbol(symbol), Timeframe.OneMinute, bars, new BarProvenance("test", "1"));
    }

    [Fact]
    public async Task Orders_NeedTheKey_AreIdempotentByClientOrderId_AndCancelOnce()
    {
        await StorePricesAsync("SOL-USD");
        Assert.Equal(HttpStatusCode.Unauthorized, (await CallAsync(HttpMethod.Post, "/api/paper/accounts", """{"id":"web","settings":{}}""", key: null)).Status);
        var (opened, account) = await CallAsync(HttpMethod.Post, "/api/paper/accounts", """{"id":"web","settings":{"name":"Web","startingCash":100000}}""");
        Assert.Equal(HttpStatusCode.Created, opened);
        Assert.Equal(100000, account.GetProperty("cash").GetDouble());

        const string Order = """{"clientOrderId":"l1","symbol":"SOL-USD","side":"buy","type":"limit","quantity":10,"limitPrice":99,"timeInForce":"gtc"}""";
        Assert.Equal(HttpStatusCode.Unauthorized, (await CallAsync(HttpMethod.Post, "/api/paper/accounts/web/orders", Order, key: null)).Status);
        var (created, first) = await CallAsync(HttpMethod.Post, "/api/paper/accounts/web/orders", Order);
        var (repeated, second) = await CallAsync(HttpMethod.Post, "/api/paper/accounts/web/orders", Order);
        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal(HttpStatusCode.OK, repeated);
        Assert.False(first.GetProperty("duplicate").GetBoolean());
        Assert.True(second.GetProperty("duplicate").GetBoolean());
        Assert.Equal("accepted", first.GetProperty("order").GetProperty("status").GetString());

        var orders = (await CallAsync(HttpMethod.Get, "/api/paper/accounts/web/orders", key: null)).Body;
        Assert.Equal(["l1"], orders.EnumerateArray().Select(o => o.GetProperty("clientOrderId").GetString()));

        var (canceled, order) = await CallAsync(HttpMethod.Delete, "/api/paper/accounts/web/orders/l1");
        Assert.Equal(HttpStatusCode.OK, canceled);
        Assert.Equal("canceled", order.GetProperty("status").GetString());
        var (again, problem) = await CallAsync(HttpMethod.Delete, "/api/paper/accounts/web/orders/l1");
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Equal("clientOrderId", problem.GetProperty("parameter").GetString());

        foreach (var read in new[] { "positions", "fills", "ledger", "equity", "decisions" })
        {
            var (status, body) = await CallAsync(HttpMethod.Get, $"/api/paper/accounts/web/{read}", key: null);
            Assert.True(status == HttpStatusCode.OK, $"{read}: {status} {body}");
        }

        var (killed, kill) = await CallAsync(HttpMethod.Post, "/api/paper/accounts/web/kill", """{"level":"block_entries"}""");
        Assert.True(killed == HttpStatusCode.OK, $"{killed} {kill}");
        Assert.NotEqual("off", kill.GetProperty("account").GetProperty("killSwitch").GetString());
        var (refused, rejection) = await CallAsync(HttpMethod.Post, "/api/paper/accounts/web/orders", Order.Replace("\"l1\"", "\"l2\"", StringComparison.Ordinal));
        Assert.True(refused is HttpStatusCode.Created or HttpStatusCode.UnprocessableEntity, refused.ToString());
        Assert.Equal("rejected", rejection.GetProperty("order").GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("POST", "/api/paper/accounts", """{"id":"Bad Id","settings":{}}""", HttpStatusCode.BadRequest, "id")]
    [InlineData("POST", "/api/paper/accounts", """{"id":"ok","settings":{"startingCash":-1}}""", HttpStatusCode.BadRequest, "startingCash")]
    [InlineData("POST", "/api/paper/accounts", """{"id":"ok","settings":{"limits":{"maxPositon":5}}}""", HttpStatusCode.BadRequest, "settings.limits.maxPositon")]
    [InlineData("GET", "/api/paper/accounts/missing", null, HttpStatusCode.NotFound, "id")]
    [InlineData("POST", "/api/paper/accounts/missing/orders", """{"clientOrderId":"x","symbol":"SOL-USD","side":"buy","type":"market","quantity":1}""", HttpStatusCode.NotFound, "id")]
    public async Task BadRequests_NameTheField(string method, string url, string? body, HttpStatusCode status, string parameter)
    {
        var (code, problem) = await CallAsync(new HttpMethod(method), url, body);
        Assert.Equal(status, code);
        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task BadOrders_NameTheField()
    {
        await StorePricesAsync("SOL-USD");
        await CallAsync(HttpMethod.Post, "/api/paper/accounts", """{"id":"fields","settings":{}}""");
        foreach (var (body, parameter) in new[]
        {
            ("""{"clientOrderId":"x","symbol":"SOL-USD","side":"long","type":"market","quantity":1}""", "side"),
            ("""{"clientOrderId":"x","symbol":"SOL-USD","side":"buy","type":"market","quantity":-1}""", "quantity"),
            ("""{"clientOrderId":"x","symbol":"SOL-USD","side":"buy","type":"limit","quantity":1}""", "limitPrice"),
            ("""{"clientOrderId":"x","symbol":"SOL-USD","side":"buy","type":"market","quantity":1,"colour":"red"}""", "colour"),
        })
        {
            var (code, problem) = await CallAsync(HttpMethod.Post, "/api/paper/accounts/fields/orders", body);
            Assert.True(code == HttpStatusCode.BadRequest, $"{body}: {code} {problem}");
            Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
        }
    }
}
