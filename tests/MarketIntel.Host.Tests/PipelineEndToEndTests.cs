using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MarketIntel.Pipeline.Application;

namespace MarketIntel.Host.Tests;

/// <summary>
/// The whole local pipeline over HTTP: a scheduled ingest fills the demo watchlist's bars, then a scan and a Monte
/// Carlo run started through the API complete, and the read routes serve what they produced.
/// </summary>
public sealed class PipelineEndToEndTests(ScheduledHostFixture host) : IClassFixture<ScheduledHostFixture>
{
    private static HttpRequestMessage Post(string url, string json, string? key = LocalHostFixture.ApiKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Add("x-api-key", key);
        }

        return request;
    }

    private async Task<JsonElement> PollAsync(string url)
    {
        for (var i = 0; i < 600; i++)
        {
            var response = await host.Client.GetAsync(url);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var status = await response.Content.ReadFromJsonAsync<JsonElement>();
                if (status.GetProperty("status").GetString() != "running")
                {
                    return status;
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{url} did not complete within 60 s");
    }

    private async Task<JsonElement> ScheduledIngestAsync()
    {
        for (var i = 0; i < 600; i++)
        {
            var runs = await host.Client.GetFromJsonAsync<JsonElement>("/api/runs?kind=Ingest");
            foreach (var run in runs.EnumerateArray())
            {
                if (run.GetProperty("status").GetString() == "completed" && run.GetProperty("runId").GetString()!.StartsWith("ingest-", StringComparison.Ordinal))
                {
                    return run;
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("no scheduled ingest completed within 60 s");
    }

    [Fact]
    public async Task ScheduledIngest_ThenScanAndRiskThroughHttp_ProduceWhatTheReadRoutesServe()
    {
        var ingest = await ScheduledIngestAsync();
        Assert.Matches(@"^ingest-\d{8}T\d{6}$", ingest.GetProperty("runId").GetString());

        var symbols = await host.Client.GetFromJsonAsync<string[]>("/api/symbols");
        Assert.Equal(PipelineScheduler.DemoSymbols.Order(StringComparer.Ordinal), symbols);
        var bars = await host.Client.GetFromJsonAsync<JsonElement>("/api/bars/BTC-USD?limit=600");
        Assert.True(bars.GetProperty("bars").GetArrayLength() >= 500, "a scheduled ingest stores the lookback's 1m bars");

        // The indicator route agrees with a brute-force SMA of the bar route's closes.
        var closes = bars.GetProperty("bars").EnumerateArray().Select(b => b.GetProperty("close").GetDouble()).ToArray();
        var lastTime = bars.GetProperty("bars").EnumerateArray().Last().GetProperty("time").GetDateTime();
        var to = lastTime.AddMinutes(1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var sma = await host.Client.GetFromJsonAsync<JsonElement>($"/api/indicators/BTC-USD?spec=sma_20&limit=5&to={to}");
        var values = sma.GetProperty("indicators")[0].GetProperty("columns")[0].GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal(closes[^20..].Average(), values[^1], 9);
        Assert.True(sma.GetProperty("indicators")[0].GetProperty("overlay").GetBoolean());

        // Timeframes the pipeline does not ingest are built from the 1m bars: checked against a brute-force grouping.
        var hourStart = new DateTime(lastTime.Year, lastTime.Month, lastTime.Day, lastTime.Hour, 0, 0, DateTimeKind.Utc).AddHours(-3);
        var range = FormattableString.Invariant($"from={hourStart:yyyy-MM-ddTHH:mm:ssZ}&to={hourStart.AddHours(2):yyyy-MM-ddTHH:mm:ssZ}");
        var fine = (await host.Client.GetFromJsonAsync<JsonElement>($"/api/bars/BTC-USD?timeframe=1m&{range}")).GetProperty("bars").EnumerateArray().ToList();
        var coarse = (await host.Client.GetFromJsonAsync<JsonElement>($"/api/bars/BTC-USD?timeframe=15m&{range}")).GetProperty("bars").EnumerateArray().ToList();
        var groups = fine.GroupBy(b => b.GetProperty("time").GetDateTime().Ticks / TimeSpan.FromMinutes(15).Ticks).ToList();
        Assert.Equal(8, coarse.Count);
        Assert.Equal(groups.Count, coarse.Count);
        for (var g = 0; g < groups.Count; g++)
        {
            var members = groups[g].ToList();
            Assert.Equal(members[0].GetProperty("open").GetDouble(), coarse[g].GetProperty("open").GetDouble());
            Assert.Equal(members.Max(b => b.GetProperty("high").GetDouble()), coarse[g].GetProperty("high").GetDouble());
            Assert.Equal(members.Min(b => b.GetProperty("low").GetDouble()), coarse[g].GetProperty("low").GetDouble());
            Assert.Equal(members[^1].GetProperty("close").GetDouble(), coarse[g].GetProperty("close").GetDouble());
            Assert.Equal(members.Sum(b => b.GetProperty("volume").GetDecimal()), coarse[g].GetProperty("volume").GetDecimal());
        }

        // A scan started through HTTP completes with ranked setups and outcome statistics.
        var started = await host.Client.SendAsync(Post("/api/scans", """{"strategy":"ema-cross","parameters":{"fast":5,"slow":20}}"""));
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var accepted = await started.Content.ReadFromJsonAsync<JsonElement>();
        var scan = await PollAsync(accepted.GetProperty("statusUrl").GetString()!);
        Assert.Equal("completed", scan.GetProperty("status").GetString());
        var setups = scan.GetProperty("setups").EnumerateArray().ToList();
        Assert.NotEmpty(setups);
        // What the document declares for these fields (and the dashboard's generated types rely on): names, not numbers.
        Assert.All(setups, s => Assert.Contains(s.GetProperty("side").GetString(), new[] { "Long", "Short" }));
        Assert.All(setups, s => Assert.Contains(s.GetProperty("outcome").GetProperty("exit").GetString(), new[] { "Stop", "Target", "Horizon", "Open" }));
        var scores = setups.Select(s => s.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
        Assert.All(setups, s => Assert.True(s.GetProperty("stop").GetDouble() < s.GetProperty("entry").GetDouble()));
        Assert.True(scan.GetProperty("statistics").GetProperty("setups").GetInt32() >= setups.Count);

        var outcomes = await host.Client.GetFromJsonAsync<JsonElement>($"/api/outcomes?scan={accepted.GetProperty("id").GetString()}");
        Assert.Equal(scan.GetProperty("statistics").GetProperty("hitRate").GetDouble(), outcomes.GetProperty("statistics").GetProperty("hitRate").GetDouble());
        var listed = await host.Client.GetFromJsonAsync<JsonElement>("/api/scans");
        Assert.Contains(listed.EnumerateArray(), s => s.GetProperty("id").GetString() == accepted.GetProperty("id").GetString());

        // A Monte Carlo run completes; regimes and snapshots are served for the watchlist.
        var mc = await host.Client.SendAsync(Post("/api/risk/montecarlo", """{"model":"gbm","mu":0.0001,"sigma":0.01,"horizon":30,"paths":20000,"batches":4,"seed":3}"""));
        var report = await PollAsync((await mc.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("statusUrl").GetString()!);
        Assert.Equal("completed", report.GetProperty("status").GetString());

        var regimes = await host.Client.GetFromJsonAsync<JsonElement>("/api/regimes/ETH-USD?limit=300");
        var filtered = regimes.GetProperty("filtered").EnumerateArray().ToList();
        Assert.Equal(regimes.GetProperty("times").GetArrayLength(), filtered.Count);
        Assert.All(filtered, row => Assert.Equal(1.0, row.EnumerateArray().Sum(p => p.GetDouble()), 9));
        Assert.Equal(regimes.GetRawText(), (await host.Client.GetFromJsonAsync<JsonElement>("/api/regimes/ETH-USD?limit=300")).GetRawText());

        // A snapshot for each demo symbol with bars: the equities have none over a weekend (their sessions are simulated),
        // the crypto symbols always do.
        var withBars = new List<string>();
        foreach (var symbol in PipelineScheduler.DemoSymbols)
        {
            using var response = await host.Client.GetAsync($"/api/bars/{symbol}?timeframe=1d&limit=30");
            response.EnsureSuccessStatusCode();
            if ((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("bars").GetArrayLength() > 0)
            {
                withBars.Add(symbol);
            }
        }

        Assert.Contains("BTC-USD", withBars);
        Assert.Contains("ETH-USD", withBars);
        var snapshots = await host.Client.GetFromJsonAsync<JsonElement>("/api/snapshots");
        Assert.Equal(withBars.Order(StringComparer.Ordinal), snapshots.EnumerateArray().Select(s => s.GetProperty("symbol").GetString()!).Order(StringComparer.Ordinal));
        var metrics = await host.Client.GetFromJsonAsync<JsonElement>("/api/metrics");
        Assert.True(metrics.GetProperty("ingestion").GetProperty("providers")[0].GetProperty("barsAccepted").GetInt64() > 0);
    }

    [Fact]
    public void ScanRunIds_AreTheSameForARetryWithinTheMinute_AndDifferOtherwise()
    {
        var definition = MarketIntel.Pipeline.Scheduling.ScheduledRuns.AsJson(MarketIntel.Pipeline.Scheduling.ScheduledRuns.BuiltInScan("ema-cross", null, "1m"));
        var other = MarketIntel.Pipeline.Scheduling.ScheduledRuns.AsJson(MarketIntel.Pipeline.Scheduling.ScheduledRuns.BuiltInScan("sma-cross", null, "1m"));
        var t = new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        string[] universe = ["BTC-USD", "ETH-USD"];

        var id = ScanRuns.RunId(definition, universe, t);

        Assert.Equal(id, ScanRuns.RunId(definition, universe, t.AddSeconds(50)));
        Assert.NotEqual(id, ScanRuns.RunId(definition, universe, t.AddMinutes(1)));
        Assert.NotEqual(id, ScanRuns.RunId(other, universe, t));
        Assert.NotEqual(id, ScanRuns.RunId(definition, ["BTC-USD"], t));
        Assert.Matches("^scan-[0-9a-f]{20}$", id);
    }

    [Theory]
    [InlineData("/api/indicators/BTC-USD?spec=nope_3", HttpStatusCode.BadRequest, "spec[0]")]
    [InlineData("/api/indicators/BTC-USD", HttpStatusCode.BadRequest, "spec")]
    [InlineData("/api/indicators/BTC-USD?spec=sma_0", HttpStatusCode.BadRequest, "spec[0]")]
    [InlineData("/api/indicators/BTC-USD?spec=beta", HttpStatusCode.BadRequest, "spec[0]")]
    [InlineData("/api/indicators/BTC-USD?spec=rsi_14&timeframe=7x", HttpStatusCode.BadRequest, "timeframe")]
    [InlineData("/api/indicators/BTC-USD?spec=rsi_14&limit=0", HttpStatusCode.BadRequest, "limit")]
    [InlineData("/api/indicators/NOPE-USD?spec=rsi_14", HttpStatusCode.NotFound, null)]
    [InlineData("/api/indicators/bad%20symbol?spec=rsi_14", HttpStatusCode.BadRequest, "symbol")]
    [InlineData("/api/regimes/NOPE-USD", HttpStatusCode.NotFound, null)]
    [InlineData("/api/regimes/BTC-USD?states=9", HttpStatusCode.BadRequest, "states")]
    [InlineData("/api/scans/not-a-scan", HttpStatusCode.BadRequest, "id")]
    [InlineData("/api/scans/scan-0000000000", HttpStatusCode.NotFound, null)]
    [InlineData("/api/setups?scan=scan-0000000000", HttpStatusCode.NotFound, null)]
    [InlineData("/api/setups?limit=abc", HttpStatusCode.BadRequest, "limit")]
    [InlineData("/api/outcomes?scan=../x", HttpStatusCode.BadRequest, "scan")]
    [InlineData("/api/events?day=2024-13-01", HttpStatusCode.BadRequest, "day")]
    [InlineData("/api/snapshots?watchlist=missing", HttpStatusCode.NotFound, null)]
    public async Task BadReads_AreRejected_WithWhatWasWrong(string url, HttpStatusCode expected, string? parameter)
    {
        var response = await host.Client.GetAsync(url);

        Assert.Equal(expected, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        if (parameter is not null)
        {
            Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
        }
    }

    [Theory]
    [InlineData("""{"strategy":"ema-cross"}""", null, HttpStatusCode.Unauthorized, null)]
    [InlineData("""{"strategy":"ema-cross"}""", "wrong-key", HttpStatusCode.Unauthorized, null)]
    [InlineData("""{"strategy":"nope"}""", LocalHostFixture.ApiKey, HttpStatusCode.BadRequest, "strategy")]
    [InlineData("""{"strategy":"ema-cross","parameters":{"speed":3}}""", LocalHostFixture.ApiKey, HttpStatusCode.BadRequest, "parameters")]
    [InlineData("""{"strategy":"ema-cross","definition":{"name":"x","entry":"close > open"}}""", LocalHostFixture.ApiKey, HttpStatusCode.BadRequest, "body")]
    [InlineData("""{}""", LocalHostFixture.ApiKey, HttpStatusCode.BadRequest, "body")]
    [InlineData("""{"strategy":""", LocalHostFixture.ApiKey, HttpStatusCode.BadRequest, "body")]
    [InlineData("""{"definition":{"name":"x","entry":"close > rsx(3)"}}""", LocalHostFixture.ApiKey, HttpStatusCode.BadRequest, "definition")]
    [InlineData("""{"strategy":"ema-cross","universe":["ZZZ-USD"]}""", LocalHostFixture.ApiKey, HttpStatusCode.NotFound, null)]
    public async Task BadScanRequests_AreRejected_WithWhatWasWrong(string body, string? key, HttpStatusCode expected, string? parameter)
    {
        var response = await host.Client.SendAsync(Post("/api/scans", body, key));

        Assert.Equal(expected, response.StatusCode);
        if (parameter is not null)
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
        }
    }
}
