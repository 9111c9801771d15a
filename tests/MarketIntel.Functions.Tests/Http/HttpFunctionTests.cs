using System.Reflection;
using System.Text.Json;
using MarketIntel.Functions.Http;
using MarketIntel.Functions.Tests.Durable;
using MarketIntel.Pipeline.Orchestrations;
using Microsoft.Azure.Functions.Worker;

namespace MarketIntel.Functions.Tests.Http;

[Trait("Category", "FunctionsApi")]
public sealed class HttpFunctionTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 5, 0, 0, TimeSpan.Zero);
    private readonly FunctionsTestHost _host = new(Now);

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Health_AnswersOkAsTheFunctionsHost_InCamelCase()
    {
        var context = _host.Request("GET");
        await _host.Create<ApiFunctions>().Health(context.Request);

        Assert.Equal(200, context.Response.StatusCode);
        var json = FunctionsTestHost.Json(context);
        Assert.Equal(("ok", "functions"), (json.GetProperty("status").GetString(), json.GetProperty("host").GetString()));
        Assert.Equal(Now, json.GetProperty("time").GetDateTimeOffset());
    }

    [Fact]
    public async Task OpenApi_ServesTheDocumentDeployedWithTheApp()
    {
        // The build copies functions/MarketIntel.Functions/openapi.json beside the app; here it is copied beside the tests.
        var context = _host.Request("GET");
        await _host.Create<SystemFunctions>().OpenApi(context.Request);

        Assert.Equal(200, context.Response.StatusCode);
        var document = FunctionsTestHost.Json(context);
        Assert.Equal("MarketIntel API", document.GetProperty("info").GetProperty("title").GetString());
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/regimes/{symbol}", out _));
    }

    [Fact]
    public async Task Watchlists_PutThenGet_AndBarsOfAnUnknownSymbolIs404_WithProblemDetails()
    {
        var api = _host.Create<ApiFunctions>();
        var put = _host.Request("PUT", """{"symbols":["BTC-USD","AAPL"]}""");
        await api.PutWatchlist(put.Request, "default");
        Assert.Equal(200, put.Response.StatusCode);

        var get = _host.Request("GET");
        await api.GetWatchlist(get.Request, "default");
        Assert.Equal(["BTC-USD", "AAPL"], FunctionsTestHost.Json(get).GetProperty("symbols").EnumerateArray().Select(s => s.GetString()));

        var bars = _host.Request("GET", query: "?timeframe=1m");
        await api.Bars(bars.Request, "NVDA");
        Assert.Equal(404, bars.Response.StatusCode);
        Assert.Contains("NVDA", FunctionsTestHost.Json(bars).GetProperty("detail").GetString(), StringComparison.Ordinal);

        var bad = _host.Request("GET", query: "?timeframe=7x");
        await api.Bars(bad.Request, "AAPL");
        Assert.Equal(400, bad.Response.StatusCode);
        Assert.Equal("timeframe", FunctionsTestHost.Json(bad).GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task StartMonteCarlo_Answers202_AndStartsTheOrchestrationOnce_UnderTheRequestsId()
    {
        var client = new FakeDurableTaskClient();
        var risk = _host.Create<RiskFunctions>();
        const string Body = """{"model":"gbm","mu":0.0005,"sigma":0.02,"horizon":20,"paths":1000,"batches":4,"seed":1}""";
        var first = _host.Request("POST", Body);
        await risk.StartMonteCarlo(first.Request, client);
        var again = _host.Request("POST", Body);
        await risk.StartMonteCarlo(again.Request, client);

        Assert.Equal((202, 202), (first.Response.StatusCode, again.Response.StatusCode));
        var id = FunctionsTestHost.Json(first).GetProperty("id").GetString()!;
        var (orchestration, instanceId, input) = Assert.Single(client.Scheduled);
        Assert.Equal((MonteCarloOrchestration.Name, id), (orchestration, instanceId));
        Assert.Equal(1000, ((JsonElement)input!).GetProperty("paths").GetInt64());
        Assert.Equal($"/api/risk/montecarlo/{id}", first.Response.Headers.Location.ToString());

        var status = _host.Request("GET");
        await risk.GetMonteCarlo(status.Request, id);
        Assert.Equal("running", FunctionsTestHost.Json(status).GetProperty("status").GetString());
    }

    [Fact]
    public async Task AMalformedMonteCarloBody_Is400_AndStartsNothing()
    {
        var client = new FakeDurableTaskClient();
        var context = _host.Request("POST", """{"model":"gbm","mu":"x"}""");
        await _host.Create<RiskFunctions>().StartMonteCarlo(context.Request, client);
        Assert.Equal(400, context.Response.StatusCode);
        Assert.Empty(client.Scheduled);
    }

    [Fact]
    public void EveryContractRoute_HasATrigger_MutatingOnesNeedAFunctionKey_ReadsAreAnonymous()
    {
        var triggers = typeof(ApiFunctions).Assembly.GetTypes().SelectMany(t => t.GetMethods())
            .Select(m => m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null))
            .OfType<HttpTriggerAttribute>()
            .Select(a => (Method: a.Methods!.Single(), Route: a.Route!, a.AuthLevel))
            .ToHashSet();

        (string, string, AuthorizationLevel)[] expected =
        [
            ("get", "health", AuthorizationLevel.Anonymous), ("get", "symbols", AuthorizationLevel.Anonymous),
            ("get", "watchlists/{name}", AuthorizationLevel.Anonymous), ("put", "watchlists/{name}", AuthorizationLevel.Function),
            ("delete", "watchlists/{name}", AuthorizationLevel.Function), ("get", "bars/{symbol}", AuthorizationLevel.Anonymous),
            ("get", "runs", AuthorizationLevel.Anonymous), ("get", "metrics", AuthorizationLevel.Anonymous),
            ("post", "risk/montecarlo", AuthorizationLevel.Function), ("get", "risk/montecarlo/{id}", AuthorizationLevel.Anonymous),
            ("get", "indicators", AuthorizationLevel.Anonymous), ("get", "indicators/{symbol}", AuthorizationLevel.Anonymous),
            ("get", "regimes/{symbol}", AuthorizationLevel.Anonymous), ("get", "strategies", AuthorizationLevel.Anonymous),
            ("post", "scans", AuthorizationLevel.Function), ("get", "scans", AuthorizationLevel.Anonymous), ("get", "scans/{id}", AuthorizationLevel.Anonymous),
            ("get", "setups", AuthorizationLevel.Anonymous), ("get", "outcomes", AuthorizationLevel.Anonymous),
            ("get", "events", AuthorizationLevel.Anonymous), ("get", "snapshots", AuthorizationLevel.Anonymous),
        ];
        Assert.All(expected, e => Assert.Contains(e, triggers));
        Assert.All(triggers, t => Assert.Equal(t.Method == "get" ? AuthorizationLevel.Anonymous : AuthorizationLevel.Function, t.AuthLevel));
    }
}
