using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MarketIntel.Api;
using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using MarketIntel.Pipeline.Application;
using MarketIntel.Pipeline.Workflows;
using Microsoft.Extensions.DependencyInjection;

namespace MarketIntel.Host.Tests;

public sealed class ApiTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private HttpClient Client => host.Client;

    private static HttpRequestMessage Put(string url, string json, string? key = LocalHostFixture.ApiKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Add("x-api-key", key);
        }

        return request;
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Host_ListensOnLoopbackOnly()
    {
        Assert.Equal("127.0.0.1", host.BaseAddress.Host);
        var health = await Client.GetFromJsonAsync<JsonElement>("/api/health");
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal("local", health.GetProperty("host").GetString());
        Assert.False(string.IsNullOrEmpty(health.GetProperty("version").GetString()));
    }

    [Fact]
    public async Task Health_ReportsEachStoreWithItsLatency()
    {
        var health = await Client.GetFromJsonAsync<JsonElement>("/api/health");
        var stores = health.GetProperty("stores").EnumerateArray().ToList();
        Assert.Equal(["records", "bars"], stores.Select(s => s.GetProperty("name").GetString()));
        Assert.All(stores, s => Assert.Equal("ok", s.GetProperty("status").GetString()));
        Assert.All(stores, s => Assert.True(s.GetProperty("latencyMs").GetInt64() >= 0));
    }

    [Fact]
    public async Task Host_WithoutADashboardOrigin_SendsNoCorsHeaders()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/health");
        request.Headers.Add("Origin", "https://dashboard.example.com");
        var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheRoutes()
    {
        var doc = await Client.GetStringAsync("/api/openapi.json");
        Assert.Contains("/api/bars/{symbol}", doc, StringComparison.Ordinal);
        Assert.Contains("/api/watchlists/{name}", doc, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watchlist_MutationsRequireTheKey_AndRoundTrip()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.SendAsync(Put("/api/watchlists/tech", """{"symbols":["AAPL"]}""", key: null))).StatusCode);
        var wrong = await ProblemAsync(await Client.SendAsync(Put("/api/watchlists/tech", """{"symbols":["AAPL"]}""", key: "nope")), HttpStatusCode.Unauthorized);
        Assert.Contains("x-api-key", wrong.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var put = await Client.SendAsync(Put("/api/watchlists/tech", """{"symbols":["AAPL","MSFT","AAPL"]}"""));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var got = await Client.GetFromJsonAsync<Watchlist>("/api/watchlists/tech");
        Assert.Equal(["AAPL", "MSFT"], got!.Symbols);
        Assert.Contains("MSFT", await Client.GetFromJsonAsync<List<string>>("/api/symbols") ?? []);

        var delete = new HttpRequestMessage(HttpMethod.Delete, "/api/watchlists/tech");
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.SendAsync(delete)).StatusCode);
        delete = new HttpRequestMessage(HttpMethod.Delete, "/api/watchlists/tech");
        delete.Headers.Add("x-api-key", LocalHostFixture.ApiKey);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.SendAsync(delete)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/api/watchlists/tech")).StatusCode);
    }

    [Theory]
    [InlineData("""{"symbols":["AAPL",""" , "malformed JSON")]
    [InlineData("""{"tickers":["AAPL"]}""", "symbols")]
    [InlineData("""{"symbols":["AAPL","BAD SYMBOL"]}""", "symbols[1]")]
    public async Task Watchlist_BadBodies_Are400WithTheReason(string body, string expected)
    {
        var problem = await ProblemAsync(await Client.SendAsync(Put("/api/watchlists/x", body)), HttpStatusCode.BadRequest);
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watchlist_BadName_Is400()
    {
        var problem = await ProblemAsync(await Client.GetAsync("/api/watchlists/no%20spaces"), HttpStatusCode.BadRequest);
        Assert.Equal("name", problem.GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task Bars_ServeStoredBarsInRange()
    {
        await Client.SendAsync(Put("/api/watchlists/bars-test", """{"symbols":["ETH-USD"]}"""));
        var t0 = new DateTime(2024, 3, 9, 23, 50, 0, DateTimeKind.Utc);
        var stored = Enumerable.Range(0, 10).Select(i => new Bar(t0.AddMinutes(i), 100 + i, 101 + i, 99 + i, 100.5 + i, 1.25m * i, i)).ToList();
        await host.Services.GetRequiredService<IBarStore>().UpsertAsync(new Symbol("ETH-USD"), Timeframe.OneMinute, stored, new BarProvenance("test", "1"));

        var response = await Client.GetFromJsonAsync<BarsResponse>("/api/bars/ETH-USD?timeframe=1m&from=2024-03-09T23:52:00Z&to=2024-03-09T23:55:00Z");
        Assert.Equal(["23:52", "23:53", "23:54"], response!.Bars.Select(b => b.Time.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(new BarDto(t0.AddMinutes(2), 102, 103, 101, 102.5, 2.5m, 2), response.Bars[0]);

        var paged = await Client.GetFromJsonAsync<BarsResponse>("/api/bars/ETH-USD?timeframe=1m&from=2024-03-09T23:50:00Z&to=2024-03-10T00:00:00Z&limit=4");
        Assert.Equal(4, paged!.Bars.Count);
        Assert.NotNull(paged.ContinuationToken);
    }

    [Theory]
    [InlineData("/api/bars/NOPE?timeframe=1m", HttpStatusCode.NotFound, null)]
    [InlineData("/api/bars/ETH-USD?timeframe=5x", HttpStatusCode.BadRequest, "timeframe")]
    [InlineData("/api/bars/ETH-USD?from=yesterday", HttpStatusCode.BadRequest, "from")]
    [InlineData("/api/bars/ETH-USD?from=2024-03-10T00:00:00Z&to=2024-03-09T00:00:00Z", HttpStatusCode.BadRequest, "from")]
    [InlineData("/api/bars/ETH-USD?timeframe=1m&from=2020-01-01T00:00:00Z&to=2024-01-01T00:00:00Z", HttpStatusCode.BadRequest, "to")]
    [InlineData("/api/bars/ETH-USD?limit=0", HttpStatusCode.BadRequest, "limit")]
    [InlineData("/api/bars/ETH-USD?limit=abc", HttpStatusCode.BadRequest, "limit")]
    public async Task Bars_BadQueries_SayWhatWasWrong(string url, HttpStatusCode status, string? parameter)
    {
        await Client.SendAsync(Put("/api/watchlists/bars-test", """{"symbols":["ETH-USD"]}"""));
        var problem = await ProblemAsync(await Client.GetAsync(url), status);
        if (parameter is not null)
        {
            Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
        }
    }

    [Fact]
    public async Task Runs_ListTheDaysRunRecordsNewestFirst()
    {
        var records = host.Services.GetRequiredService<IRecordStore>();
        var day = new DateOnly(2024, 3, 9);
        foreach (var (id, kind, hour) in new[] { ("r1", "Scan", 1), ("r2", "Ingest", 2), ("r3", "Scan", 3) })
        {
            var run = new RunRecord(id, kind, RunStatus.Completed, day.ToDateTime(new TimeOnly(hour, 0), DateTimeKind.Utc), day.ToDateTime(new TimeOnly(hour, 1), DateTimeKind.Utc), "ok");
            await records.UpsertAsync(new RecordEnvelope<RunRecord>(id, SystemHistory.RunPartition(day), RecordKinds.OrchestrationRun, DateTimeOffset.UnixEpoch, JsonSerializer.SerializeToElement(new { kind }), "test", RunStatuses.Name(RunStatus.Completed), run));
        }

        var scans = await Client.GetFromJsonAsync<List<RunRecord>>("/api/runs?kind=scan&day=2024-03-09");
        Assert.Equal(["r3", "r1"], scans!.Select(r => r.RunId));
        Assert.Equal(3, (await Client.GetFromJsonAsync<List<RunRecord>>("/api/runs?day=2024-03-09"))!.Count);
        await ProblemAsync(await Client.GetAsync("/api/runs?day=March"), HttpStatusCode.BadRequest);
    }
}
