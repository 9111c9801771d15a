using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MarketIntel.Api;
using MarketIntel.Core.Risk;
using MarketIntel.Pipeline.Activities;
using MarketIntel.Pipeline.Application;
using MarketIntel.Pipeline.Engine;
using MarketIntel.Pipeline.Engine.Local;
using MarketIntel.Pipeline.Workflows;
using Microsoft.Extensions.DependencyInjection;

namespace MarketIntel.Host.Tests;

public sealed class MonteCarloApiTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private static HttpRequestMessage Post(string json, string? key = LocalHostFixture.ApiKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/risk/montecarlo") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Add("x-api-key", key);
        }

        return request;
    }

    private async Task<JsonElement> PollAsync(string statusUrl)
    {
        for (var i = 0; i < 600; i++)
        {
            var status = await host.Client.GetFromJsonAsync<JsonElement>(statusUrl);
            if (status.GetProperty("status").GetString() != "running")
            {
                return status;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{statusUrl} did not complete within 60 s");
    }

    [Fact]
    public async Task MonteCarloRun_FansOutInBatches_AndEqualsASingleBatchRun()
    {
        const string body = """{"model":"gbm","mu":0.0004,"sigma":0.015,"horizon":20,"paths":50000,"batches":7,"seed":11,"confidences":[0.95,0.99]}""";
        var response = await host.Client.SendAsync(Post(body));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = (await response.Content.ReadFromJsonAsync<RunAccepted>())!;
        Assert.Equal(accepted.StatusUrl, response.Headers.Location?.ToString());

        var status = await PollAsync(accepted.StatusUrl);
        Assert.Equal("completed", status.GetProperty("status").GetString());
        var report = status.GetProperty("report").Deserialize<MonteCarloReport>(MonteCarloActivities.Json)!;
        // The inputs are the job as stored when it started (defaults filled in), the same JSON the route served when it passed the stored element through.
        var stored = JsonSerializer.Serialize(JsonSerializer.Deserialize<MonteCarloJob>(body, PipelineJson.Options), PipelineJson.Options);
        Assert.Equal(stored, status.GetProperty("inputs").GetRawText());

        // The fan-out law through the whole pipeline: 7 batches via activities and storage == one in-process batch.
        var direct = new MonteCarloEngine(new GbmModel(0.0004, 0.015), new MonteCarloSpec { Horizon = 20, Paths = 50000, Seed = 11, Confidences = [0.95, 0.99] }).Run(1);
        Assert.Equal(direct.Tail, report.Tail);
        Assert.Equal(direct.TerminalMean, report.TerminalMean);
        Assert.Equal(direct.Histogram.Counts, report.Histogram.Counts);
        Assert.Equal(7, report.Inputs.Batches);
        Assert.True(report.Tail[1].ValueAtRisk > report.Tail[0].ValueAtRisk);

        // A retried POST names the same run and starts nothing new.
        var again = (await (await host.Client.SendAsync(Post(body))).Content.ReadFromJsonAsync<RunAccepted>())!;
        Assert.Equal((accepted.Id, RunStatus.Completed), (again.Id, again.Status));

        var runs = await host.Client.GetFromJsonAsync<JsonElement>($"/api/runs?kind=MonteCarlo&day={DateTime.UtcNow:yyyy-MM-dd}");
        Assert.Contains(runs.EnumerateArray(), r => r.GetProperty("runId").GetString() == accepted.Id && r.GetProperty("status").GetString() == "completed");
        var metrics = await host.Client.GetFromJsonAsync<JsonElement>("/api/metrics");
        Assert.True(metrics.GetProperty("pipeline").GetProperty("completed").GetInt64() >= 1);
    }

    [Fact]
    public async Task ARunWhoseBatchCannotStoreItsSummary_EndsFailedWithTheReason_AndTheSamePostRunsItAgain()
    {
        // A real storage fault: a file stands where this run's summary artifacts folder must go, so every attempt to
        // store a batch fails (after the pipeline's retries) until it is removed.
        const string body = """{"model":"gbm","mu":0.0002,"sigma":0.01,"horizon":25,"paths":300,"batches":2,"seed":5}""";
        var id = MonteCarloRuns.RunId(JsonSerializer.Deserialize<MonteCarloJob>(body, MarketIntel.Pipeline.Engine.PipelineJson.Options)!);
        var blocker = Path.Combine(host.DataPath, "artifacts", "montecarlo", id);
        Directory.CreateDirectory(Path.GetDirectoryName(blocker)!);
        await File.WriteAllTextAsync(blocker, "not a folder");
        var runner = host.Services.GetRequiredService<LocalOrchestrationRunner>();
        RunAccepted first;
        try
        {
            first = (await (await host.Client.SendAsync(Post(body))).Content.ReadFromJsonAsync<RunAccepted>())!;
            Assert.Equal((id, RunStatus.Running), (first.Id, first.Status));
            var failed = await PollAsync(first.StatusUrl);
            Assert.Equal("failed", failed.GetProperty("status").GetString());
            Assert.Contains(id, failed.GetProperty("reason").GetString(), StringComparison.Ordinal);
            Assert.Equal(JsonValueKind.Null, failed.GetProperty("report").ValueKind);
            var run = await RunRecordAsync(first.Id);
            Assert.Equal("failed", run.GetProperty("status").GetString());
            Assert.Equal(failed.GetProperty("reason").GetString(), run.GetProperty("reason").GetString());
            await runner.WaitAsync(first.Id);
        }
        finally
        {
            File.Delete(blocker);
        }

        var again = await host.Client.SendAsync(Post(body));
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        var accepted = (await again.Content.ReadFromJsonAsync<RunAccepted>())!;
        Assert.Equal((first.Id, RunStatus.Running), (accepted.Id, accepted.Status));
        var status = await PollAsync(first.StatusUrl);
        Assert.Equal("completed", status.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Object, status.GetProperty("report").ValueKind);
    }

    [Fact]
    public async Task ABatchSummaryLargerThanARecordMayBe_IsStoredAsAnArtifact_AndTheRunCompletes()
    {
        // A 99% tail over 120,000 paths: the batch summary is several megabytes (a record holds at most 2,000,000 bytes).
        const string body = """{"model":"gbm","mu":0.0001,"sigma":0.01,"horizon":1,"paths":120000,"batches":1,"seed":3,"confidences":[0.01]}""";
        var accepted = (await (await host.Client.SendAsync(Post(body))).Content.ReadFromJsonAsync<RunAccepted>())!;
        var status = await PollAsync(accepted.StatusUrl);
        Assert.Equal("completed", status.GetProperty("status").GetString());

        var records = host.Services.GetRequiredService<MarketIntel.Core.Storage.IRecordStore>();
        var batch = await records.GetAsync<JsonElement>(MarketIntel.Core.Storage.RecordKinds.RiskReport, accepted.Id, MonteCarloActivities.BatchId(0));
        var reference = batch!.Payload.Deserialize<MonteCarloBatchReference>(MarketIntel.Pipeline.Engine.PipelineJson.Options)!;
        Assert.Equal(MonteCarloActivities.SummaryName(accepted.Id, 0), reference.Artifact);
        Assert.True(reference.Bytes > MarketIntel.Core.Storage.StorageLimits.MaxRecordBytes, $"the summary ({reference.Bytes} bytes) is larger than a record may be");
    }

    [Fact]
    public async Task FourMillionPaths_CompleteThroughThePipeline()
    {
        const string body = """{"model":"gbm","mu":0.0003,"sigma":0.012,"horizon":10,"paths":4000000,"batches":8,"seed":9}""";
        var accepted = (await (await host.Client.SendAsync(Post(body))).Content.ReadFromJsonAsync<RunAccepted>())!;
        var status = await PollAsync(accepted.StatusUrl);
        Assert.Equal("completed", status.GetProperty("status").GetString());
        var report = status.GetProperty("report");
        Assert.Equal(4_000_000, report.GetProperty("inputs").GetProperty("paths").GetInt64());
        var tail = report.GetProperty("tail");
        Assert.True(tail[1].GetProperty("valueAtRisk").GetDouble() > tail[0].GetProperty("valueAtRisk").GetDouble());
    }

    private async Task<JsonElement> RunRecordAsync(string id)
    {
        // The run record is written by the orchestration itself; the status record can say failed a moment before.
        for (var i = 0; i < 100; i++)
        {
            var runs = await host.Client.GetFromJsonAsync<JsonElement>($"/api/runs?kind=MonteCarlo&day={DateTime.UtcNow:yyyy-MM-dd}");
            foreach (var r in runs.EnumerateArray())
            {
                if (r.GetProperty("runId").GetString() == id && r.GetProperty("status").GetString() != "running")
                {
                    return r;
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"run {id} has no final run record");
    }

    [Theory]
    [InlineData("""{"model":"gbm","mu":0.001,"sigma":-0.1}""", "sigma")]
    [InlineData("""{"model":"gbm","sigma":0.1}""", "mu")]
    [InlineData("""{"model":"gbm","mu":0.001,"sigma":0.1,"confidences":[1.5]}""", "confidences")]
    [InlineData("""{"model":"gbm","mu":0.001,"sigma":0.1,"confidences":[]}""", "confidences")]
    [InlineData("""{"model":"gbm","mu":0.001,"sigma":0.1,"lossThresholds":[0]}""", "lossThresholds")]
    [InlineData("""{"model":"gbm","mu":0.001,"sigma":0.1,"horizon":0}""", "horizon")]
    [InlineData("""{"model":"gbm","mu":0.001,"sigma":0.1,"paths":0}""", "paths")]
    [InlineData("""{"model":"gbm","mu":0.001,"sigma":0.1,"histogramBins":0}""", "histogramBins")]
    [InlineData("""{"model":"gbm","mu":0.001,"sigma":0.1,"paths":10,"batches":11}""", "batches")]
    [InlineData("""{"model":"heston","mu":0.001,"sigma":0.1}""", "model")]
    [InlineData("""{"model":"gbm","mu":0.001,""", "body")]
    [InlineData("""{"model":"gbm","mu":5,"sigma":0,"horizon":20,"paths":200,"batches":2,"seed":3}""", "mu")]
    [InlineData("""{"model":"gbm","mu":1e308,"sigma":0.01}""", "mu")]
    [InlineData("""{"model":"gbm","mu":0.5,"sigma":0.01,"horizon":40}""", "mu")]
    [InlineData("""{"model":"gbm","mu":0,"sigma":1e200}""", "sigma")]
    public async Task BadRequests_Are400NamingTheField(string body, string? parameter)
    {
        var response = await host.Client.SendAsync(Post(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (parameter is not null)
        {
            Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
        }
    }

    [Fact]
    public async Task StartingARun_RequiresTheKey_AndUnknownRunsAre404()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client.SendAsync(Post("""{"model":"gbm","mu":0,"sigma":0.1}""", key: null))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync("/api/risk/montecarlo/mc-00000000000000000000")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Client.GetAsync("/api/risk/montecarlo/nope")).StatusCode);
    }
}
