using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MarketIntel.Core.Market;
using MarketIntel.Core.Risk;
using MarketIntel.Core.Storage;
using MarketIntel.Ingestion.Instruments;
using MarketIntel.Ingestion.Service;
using MarketIntel.Ingestion.Simulation;
using MarketIntel.Pipeline.Activities;
using MarketIntel.Pipeline.Trading;
using MarketIntel.Pipeline.Workflows;

namespace MarketIntel.Host.Tests.Reliability;

/// <summary>
/// Crash and restart (issue #17): the built local host runs as a child process on its own data folder, is killed with
/// SIGKILL in the middle of an ingest, a scan fan-out, a Monte Carlo run and a paper-trading evaluation, and is started
/// again on the same folder. Every run reaches a final status (an interrupted one is marked and runs again on the same
/// request), every bar is stored once and equals the simulator's, checkpoints never move backwards nor claim bars that
/// are not stored, setups and fills are not duplicated, and the paper account's projections equal its journal.
/// </summary>
public sealed class CrashRestartTests : IDisposable
{
    /// <summary>Three days of 1m bars, one symbol per activity, one activity at a time: an ingest long enough to be killed in.</summary>
    private static readonly string[] SlowIngest = ["--Pipeline:InitialLookbackHours=72", "--Pipeline:BatchSize=1", "--Pipeline:MaxParallelActivities=1"];

    private static readonly string[] NoSchedules = ["--LocalHost:Schedules=false"];

    private readonly string _data = Directory.CreateTempSubdirectory("marketintel-crash-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task IngestKilledMidway_IsInterrupted_AndTheNextIngestStoresEveryBarOnce_WithCheckpointsNeverBehindTheBarsNorMovingBack()
    {
        var first = await ChildHost.StartAsync(_data, [.. SlowIngest, .. NoSchedules, "--LocalHost:RunOnStart=true"]);
        string killedRun;
        await using (first)
        {
            // Killed once the first symbol's bars are stored and the run is still going.
            killedRun = await PollAsync(first, async () =>
                (await RunsAsync(first.Client)).FirstOrDefault(r => r.Kind == IngestOrchestration.Name && r.Status == RunStatus.Running) is { } run
                && await HasBarsAsync(first.Client, "BTC-USD") ? run.RunId : null, "an ingest run with stored bars");
            await first.KillAsync();
        }

        Dictionary<string, IngestionCheckpoint> atKill;
        await using (var stored = new StoredData(_data))
        {
            var runs = await StoredRunsAsync(stored);
            Assert.True(runs.Single(r => r.RunId == killedRun).Status == RunStatus.Running, "the kill landed after the ingest had finished: nothing was interrupted");
            atKill = await stored.CheckpointsAsync();
            Assert.NotEmpty(atKill);
            Assert.True(atKill.Count < PipelineScheduler.DemoSymbols.Count, $"every series was already complete at the kill ({atKill.Count})");

            // What a checkpoint claims complete at the moment of the crash is stored, once, exactly as the simulator has it.
            foreach (var (id, checkpoint) in atKill)
            {
                await AssertSeriesEqualsSimulatorAsync(stored, checkpoint.Symbol, checkpoint.CompleteUntilUtc, id);
            }
        }

        await using (var second = await ChildHost.StartAsync(_data, [.. SlowIngest, .. NoSchedules, "--LocalHost:RunOnStart=true"]))
        {
            await PollAsync(second, async () =>
            {
                var runs = await RunsAsync(second.Client);
                return runs.Any(r => r.Kind == IngestOrchestration.Name && r.RunId != killedRun && r.Status == RunStatus.Completed)
                    && runs.All(r => r.Status != RunStatus.Running) ? runs : null;
            }, "the restarted host's ingest to complete and no run left running", TimeSpan.FromSeconds(90));
            var all = await RunsAsync(second.Client);
            var killed = all.Single(r => r.RunId == killedRun);
            Assert.True(killed.Status is RunStatus.Interrupted or RunStatus.Completed, $"{killed.RunId}: {killed.Status}");
            await second.KillAsync();
        }

        await using (var stored = new StoredData(_data))
        {
            var after = await stored.CheckpointsAsync();
            Assert.Equal(PipelineScheduler.DemoSymbols.Order(StringComparer.Ordinal), after.Values.Select(c => c.Symbol).Order(StringComparer.Ordinal));
            foreach (var (id, before) in atKill)
            {
                Assert.True(after[id].CompleteUntilUtc >= before.CompleteUntilUtc, $"{id}: checkpoint moved back from {before.CompleteUntilUtc:O} to {after[id].CompleteUntilUtc:O}");
            }

            foreach (var (id, checkpoint) in after)
            {
                await AssertSeriesEqualsSimulatorAsync(stored, checkpoint.Symbol, checkpoint.CompleteUntilUtc, id);
            }
        }
    }

    [Fact]
    public async Task ScanKilledDuringItsFanOut_IsInterrupted_AndTheSameRequestCompletesWithEachSetupOnce()
    {
        const string Scan = """{"strategy":"ema-cross","parameters":{"fast":5,"slow":20}}""";
        string scanId;
        var first = await ChildHost.StartAsync(_data, [.. SlowIngest, .. NoSchedules, "--LocalHost:RunOnStart=true", "--Pipeline:ScanBars=4000"]);
        await using (first)
        {
            await PollAsync(first, async () => (await first.Client.GetAsync("/api/setups")).StatusCode == HttpStatusCode.OK ? "ready" : null, "the start-up scan", TimeSpan.FromSeconds(90));
            var accepted = await SendAsync(first.Client, HttpMethod.Post, "/api/scans", Scan);
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            scanId = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
            // The scan document says running from the POST on; the kill waits until the orchestration has recorded its run too.
            await PollAsync(first, async () => await ScanStatusAsync(first.Client, scanId) == "running"
                && (await RunsAsync(first.Client)).Any(r => r.RunId == scanId && r.Status == RunStatus.Running) ? "running" : null, "the scan's run to be recorded as running");
            await first.KillAsync();
        }

        await using (var stored = new StoredData(_data))
        {
            Assert.True((await StoredRunsAsync(stored)).Single(r => r.RunId == scanId).Status == RunStatus.Running, "the kill landed after the scan had finished");
        }

        await using var second = await ChildHost.StartAsync(_data, [.. SlowIngest, .. NoSchedules, "--LocalHost:RunOnStart=false"]);
        Assert.Equal("interrupted", await ScanStatusAsync(second.Client, scanId));
        var again = await SendAsync(second.Client, HttpMethod.Post, "/api/scans", Scan);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        var rerun = (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await PollAsync(second, async () => await ScanStatusAsync(second.Client, rerun) == "completed" ? "done" : null, "the scan run again to complete", TimeSpan.FromSeconds(60));

        var run = await second.Client.GetFromJsonAsync<JsonElement>($"/api/scans/{rerun}");
        var setups = run.GetProperty("setups").EnumerateArray().Select(s => s.GetRawText()).ToList();
        Assert.NotEmpty(setups);
        Assert.Equal(setups.Count, setups.Distinct(StringComparer.Ordinal).Count());
        var keys = run.GetProperty("setups").EnumerateArray().Select(s => (s.GetProperty("symbol").GetString(), s.GetProperty("time").GetString())).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        // The scan document says completed when its results are stored; the run record follows once its outcomes are
        // refreshed, so every run is final soon after, not at that instant (asserting at once failed in CI).
        await PollAsync(second, async () => (await RunsAsync(second.Client)).Any(r => r.Status == RunStatus.Running) ? null : "final", "every run to reach a final status", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task MonteCarloKilledMidway_IsInterrupted_AndTheSamePostCompletesWithEveryPathCountedOnce()
    {
        const int Paths = 2_000_000;
        var body = $$"""{"model":"gbm","mu":0.0002,"sigma":0.01,"horizon":250,"paths":{{Paths}},"batches":40,"seed":11}""";
        string id;
        var first = await ChildHost.StartAsync(_data, [.. NoSchedules, "--LocalHost:RunOnStart=false", "--Pipeline:MaxParallelActivities=1"]);
        await using (first)
        {
            var accepted = await SendAsync(first.Client, HttpMethod.Post, "/api/risk/montecarlo", body);
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            id = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

            // Killed once at least one batch summary is stored (the run's progress) and the run is still going.
            await PollAsync(first, async () => await MonteCarloStatusAsync(first.Client, id) == "running" && ArtifactCount() > 0 ? "batch stored" : null, "a stored batch");
            await first.KillAsync();
        }

        await using (var stored = new StoredData(_data))
        {
            Assert.True((await StoredRunsAsync(stored)).Single(r => r.RunId == id).Status == RunStatus.Running, "the kill landed after the run had finished");
        }

        await using var second = await ChildHost.StartAsync(_data, [.. NoSchedules, "--LocalHost:RunOnStart=false"]);
        var status = await second.Client.GetFromJsonAsync<JsonElement>($"/api/risk/montecarlo/{id}");
        Assert.Equal("interrupted", status.GetProperty("status").GetString());
        var again = await SendAsync(second.Client, HttpMethod.Post, "/api/risk/montecarlo", body);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        await PollAsync(second, async () => await MonteCarloStatusAsync(second.Client, id) == "completed" ? "done" : null, "the run again to complete", TimeSpan.FromSeconds(90));

        // Every path counted once: the merged histogram (batches stored before the kill and after the restart) holds exactly the requested paths.
        var report = (await second.Client.GetFromJsonAsync<JsonElement>($"/api/risk/montecarlo/{id}")).GetProperty("report").Deserialize<MonteCarloReport>(MonteCarloActivities.Json)!;
        Assert.Equal(Paths, report.Inputs.Paths);
        Assert.Equal(Paths, report.Histogram.Counts.Sum() + report.Histogram.Underflow + report.Histogram.Overflow);
        Assert.Equal(Paths, report.DrawdownHistogram.Sum());
        await PollAsync(second, async () => (await RunsAsync(second.Client)).Any(r => r.Status == RunStatus.Running) ? null : "final", "every run to reach a final status", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task PaperEvaluationKilledMidway_RebuildsTheAccountsFromTheirJournals_WithEachOrderFilledOnce()
    {
        // Ingest every 5 s; each ingest evaluates the accounts' working orders on the bars it stored.
        string[] settings = ["--LocalHost:RunOnStart=true", "--Pipeline:InitialLookbackHours=2", "--IngestSchedule=*/5 * * * * *",
            "--ScanSchedule=0 0 0 1 1 *", "--OutcomeSchedule=0 0 0 1 1 *", "--RetentionSchedule=0 0 0 1 1 *"];
        var accounts = Enumerable.Range(1, 12).Select(i => $"crash-{i}").ToArray();
        string[] symbols = ["BTC-USD", "ETH-USD", "SOL-USD"];
        var first = await ChildHost.StartAsync(_data, settings);
        await using (first)
        {
            await PollAsync(first, async () => await HasBarsAsync(first.Client, "SOL-USD") ? "bars" : null, "the start-up ingest", TimeSpan.FromSeconds(60));
            foreach (var account in accounts)
            {
                Assert.Equal(HttpStatusCode.Created, (await SendAsync(first.Client, HttpMethod.Post, "/api/paper/accounts", $$$"""{"id":"{{{account}}}","settings":{"startingCash":1000000,"fractional":true}}""")).StatusCode);
                foreach (var (symbol, i) in symbols.Select((s, i) => (s, i)))
                {
                    // Market orders fill on the next closed bar: each must fill exactly once, whenever the crash lands.
                    var order = $$"""{"clientOrderId":"m{{i}}","symbol":"{{symbol}}","side":"buy","type":"market","quantity":0.5,"timeInForce":"gtc"}""";
                    var response = await SendAsync(first.Client, HttpMethod.Post, $"/api/paper/accounts/{account}/orders", order);
                    Assert.True(response.StatusCode == HttpStatusCode.Created, $"{account} {symbol}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }

            // Killed as soon as the evaluation has filled an order in any account. A market order fills on the first bar that
            // opens after it was accepted, stored once that bar has closed: up to two minutes after the order, plus an ingest.
            await PollAsync(first, async () =>
            {
                foreach (var account in accounts)
                {
                    if ((await first.Client.GetFromJsonAsync<JsonElement>($"/api/paper/accounts/{account}/fills")).GetArrayLength() > 0)
                    {
                        return account;
                    }
                }

                return null;
            }, "a fill", TimeSpan.FromSeconds(180));
            await first.KillAsync();
        }

        await using (var second = await ChildHost.StartAsync(_data, settings))
        {
            // The restarted host evaluates each account on the bars stored since its last evaluated one (what the next
            // ingest would do, without waiting for it); orders the crashed evaluation already filled must not fill again.
            foreach (var account in accounts)
            {
                var evaluated = await SendAsync(second.Client, HttpMethod.Post, $"/api/paper/accounts/{account}/evaluate", "{}");
                Assert.True(evaluated.StatusCode == HttpStatusCode.OK, $"{account}: {evaluated.StatusCode} {await evaluated.Content.ReadAsStringAsync()}");
            }

            await PollAsync(second, async () =>
            {
                foreach (var account in accounts)
                {
                    if ((await second.Client.GetFromJsonAsync<JsonElement>($"/api/paper/accounts/{account}/fills")).GetArrayLength() < symbols.Length)
                    {
                        return null;
                    }
                }

                return "all filled";
            }, "every order filled after the restart", TimeSpan.FromSeconds(180));

            foreach (var account in accounts)
            {
                var fills = await second.Client.GetFromJsonAsync<List<PaperFillView>>($"/api/paper/accounts/{account}/fills", Web);
                Assert.Equal(symbols.Length, fills!.Count);
                Assert.Equal(fills.Count, fills.Select(f => f.OrderId).Distinct(StringComparer.Ordinal).Count());
                Assert.All(fills, f => Assert.Equal(0.5, f.Quantity));
            }

            await second.KillAsync();
        }

        // The projections as the restarted host left them (read before anything could repair them) equal the accounts rebuilt from their journals.
        await using var stored = new StoredData(_data);
        foreach (var account in accounts)
        {
            var orders = new List<PaperOrderView>();
            await foreach (var r in stored.Records.ReadAllAsync<PaperOrderView>(RecordKinds.PaperOrder, account, "order|"))
            {
                orders.Add(r.Payload);
            }

            var positions = new List<PaperPositionView>();
            await foreach (var r in stored.Records.ReadAllAsync<PaperPositionView>(RecordKinds.PaperPosition, account, "position|"))
            {
                positions.Add(r.Payload);
            }

            var document = (await stored.Records.GetAsync<PaperAccountDocument>(RecordKinds.PaperAccount, account, "account"))!.Payload;
            var rebuilt = await new PaperTrading(stored.Records, stored.Bars, TimeProvider.System).LoadAsync(account);
            Assert.Equal(Json(rebuilt.Engine.Orders.Select(o => PaperOrderView.Of(o, false)).OrderBy(o => o.ClientOrderId, StringComparer.Ordinal)), Json(orders.OrderBy(o => o.ClientOrderId, StringComparer.Ordinal)));
            // A position record is rewritten when the position fills; its mark (last price, value, unrealized) is as of that fill by design.
            Assert.Equal(PaperTrading.Positions(rebuilt).Select(p => (p.Symbol, p.Quantity, p.AveragePrice, p.RealizedPnl)).OrderBy(p => p.Symbol, StringComparer.Ordinal),
                positions.Select(p => (p.Symbol, p.Quantity, p.AveragePrice, p.RealizedPnl)).OrderBy(p => p.Symbol, StringComparer.Ordinal));
            Assert.Equal(Json(PaperTrading.Summary(rebuilt)), Json(document.Summary));
            Assert.Equal(symbols.Length, rebuilt.Engine.Fills.Count);
        }
    }

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, Web);

    /// <summary>The stored series from its first bar to <paramref name="until"/> equals the simulator's bars over that range; each open time is stored once.</summary>
    private static async Task AssertSeriesEqualsSimulatorAsync(StoredData stored, string symbol, DateTime until, string id)
    {
        var rows = await stored.BarRowsAsync(symbol, Timeframe.OneMinute);
        Assert.All(rows, r => Assert.Equal(1, r.Copies));
        var claimed = rows.Where(r => r.Bar.OpenTime < until).Select(r => r.Bar).ToList();
        Assert.True(claimed.Count > 0 || MarketSimulator.Resolve(symbol).AssetClass != AssetClass.Crypto, $"{id}: no bars before {until:O}");
        if (claimed.Count == 0)
        {
            return;
        }

        var expected = new MarketSimulator(new MarketSimulatorOptions()).Bars(MarketSimulator.Resolve(symbol), Timeframe.OneMinute, claimed[0].OpenTime, until);
        Assert.True(expected.SequenceEqual(claimed), $"{id}: {claimed.Count} stored bars before {until:O}, the simulator has {expected.Count}; first difference at {FirstDifference(expected, claimed)}");
    }

    private static string FirstDifference(List<Bar> expected, List<Bar> actual)
    {
        for (var i = 0; i < Math.Min(expected.Count, actual.Count); i++)
        {
            if (expected[i] != actual[i])
            {
                return $"{i}: expected {expected[i]}, stored {actual[i]}";
            }
        }

        return $"index {Math.Min(expected.Count, actual.Count)} (lengths differ)";
    }

    private int ArtifactCount() =>
        Directory.Exists(Path.Combine(_data, "artifacts")) ? Directory.EnumerateFiles(Path.Combine(_data, "artifacts"), "*", SearchOption.AllDirectories).Count() : 0;

    private static async Task<List<RunRecord>> StoredRunsAsync(StoredData stored)
    {
        var result = new List<RunRecord>();
        var today = DateTime.UtcNow.Date;
        foreach (var day in new[] { today.AddDays(-1), today })
        {
            await foreach (var r in stored.Records.ReadAllAsync<RunRecord>(RecordKinds.OrchestrationRun, Pipeline.Activities.RunRecordActivities.Partition(day)))
            {
                result.Add(r.Payload);
            }
        }

        return result;
    }

    private static async Task<List<RunRecord>> RunsAsync(HttpClient client)
    {
        var today = DateTime.UtcNow.Date;
        var result = new List<RunRecord>();
        foreach (var day in new[] { today.AddDays(-1), today })
        {
            result.AddRange((await client.GetFromJsonAsync<List<RunRecord>>($"/api/runs?day={day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"))!);
        }

        return result;
    }

    private static async Task<bool> HasBarsAsync(HttpClient client, string symbol)
    {
        // Any bar in the last 100 hours (the ingest writes oldest first, so the default window of the latest bars would be empty until the series is complete).
        var from = (DateTime.UtcNow - TimeSpan.FromHours(100)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var response = await client.GetAsync($"/api/bars/{symbol}?from={from}&limit=1");
        return response.StatusCode == HttpStatusCode.OK && (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("bars").GetArrayLength() > 0;
    }

    private static async Task<string?> ScanStatusAsync(HttpClient client, string id) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/scans/{id}")).GetProperty("status").GetString();

    private static async Task<string?> MonteCarloStatusAsync(HttpClient client, string id) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/risk/montecarlo/{id}")).GetProperty("status").GetString();

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, string json)
    {
        var request = new HttpRequestMessage(method, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-api-key", LocalHostFixture.ApiKey);
        return client.SendAsync(request);
    }

    /// <summary>Polls every 20 ms until <paramref name="probe"/> returns a value; fails with the host's output after the timeout or if the host exits.</summary>
    private static async Task<T> PollAsync<T>(ChildHost host, Func<Task<T?>> probe, string what, TimeSpan? timeout = null)
        where T : class
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(45));
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(host.HasExited, $"the host exited while waiting for {what}:\n{host.Output}");
            if (await probe() is { } value)
            {
                return value;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"no {what} within {timeout ?? TimeSpan.FromSeconds(45)}:\n{host.Output[Math.Max(0, host.Output.Length - 4000)..]}");
    }
}
