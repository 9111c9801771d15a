using System.Text.Json;
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
}
