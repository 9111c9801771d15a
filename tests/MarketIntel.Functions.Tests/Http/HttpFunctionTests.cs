using System.Text.Json;
using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using MarketIntel.Functions.Http;

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
    public async Task Bars_CarryAStrongETag_Answer304ToIt_AndShowAWriteAtOnce()
    {
        var api = _host.Create<ApiFunctions>();
        await api.PutWatchlist(_host.Request("PUT", """{"symbols":["BTC-USD"]}""").Request, "default");
        var t0 = new DateTime(2026, 11, 21, 4, 0, 0, DateTimeKind.Utc);
        await _host.Bars.UpsertAsync(new Symbol("BTC-USD"), Timeframe.OneMinute, [new Bar(t0, 100, 101, 99, 100, 1m)], new BarProvenance("test", "1"));
        const string query = "?from=2026-11-21T04:00:00Z&to=2026-11-21T04:10:00Z";

        var first = _host.Request("GET", query: query);
        await api.Bars(first.Request, "BTC-USD");
        Assert.Equal(200, first.Response.StatusCode);
        var etag = first.Response.Headers.ETag.ToString();
        Assert.StartsWith("\"", etag, StringComparison.Ordinal);

        var conditional = _host.Request("GET", query: query);
        conditional.Request.Headers.IfNoneMatch = etag;
        await api.Bars(conditional.Request, "BTC-USD");
        Assert.Equal((304, 0L), (conditional.Response.StatusCode, conditional.Response.Body.Length));

        await _host.Bars.UpsertAsync(new Symbol("BTC-USD"), Timeframe.OneMinute, [new Bar(t0, 100, 103, 99, 102, 2m)], new BarProvenance("test", "1"));
        var after = _host.Request("GET", query: query);
        after.Request.Headers.IfNoneMatch = etag;
        await api.Bars(after.Request, "BTC-USD");
        Assert.Equal(200, after.Response.StatusCode);
        Assert.Equal(102, FunctionsTestHost.Json(after).GetProperty("bars")[0].GetProperty("close").GetDouble());
    }

    [Fact]
    public async Task TypedResults_ExecuteThroughTheTriggers_WithTheirStatusAndBody()
    {
        // Each shape of handler result the adapter writes: a plain Ok<T>, Results<NoContent, problem>, and the scan
        // routes' OkJson<T> union answering with its problem.
        var metrics = _host.Request("GET");
        await _host.Create<SystemFunctions>().Metrics(metrics.Request);
        Assert.Equal(200, metrics.Response.StatusCode);
        Assert.Equal(0, FunctionsTestHost.Json(metrics).GetProperty("pipeline").GetProperty("running").GetInt32());
        Assert.Equal(JsonValueKind.Number, FunctionsTestHost.Json(metrics).GetProperty("stream").GetProperty("lastEventId").ValueKind);

        var api = _host.Create<ApiFunctions>();
        await api.PutWatchlist(_host.Request("PUT", """{"symbols":["AAPL"]}""").Request, "gone");
        var delete = _host.Request("DELETE");
        await api.DeleteWatchlist(delete.Request, "gone");
        Assert.Equal((204, 0L), (delete.Response.StatusCode, delete.Response.Body.Length));

        var setups = _host.Request("GET");
        await _host.Create<ScanFunctions>().Setups(setups.Request);
        Assert.Equal(404, setups.Response.StatusCode);
        Assert.StartsWith("application/problem+json", setups.Response.ContentType, StringComparison.Ordinal);

        var strategies = _host.Request("GET");
        await _host.Create<ScanFunctions>().Strategies(strategies.Request);
        Assert.Contains(FunctionsTestHost.Json(strategies).EnumerateArray(), s => s.GetProperty("name").GetString() == "ema-cross");
    }
}
