using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MarketIntel.Api;
using MarketIntel.Core.Risk;
using Microsoft.Extensions.DependencyInjection;
using MarketIntel.Pipeline.Activities;
using MarketIntel.Pipeline.Local;
using MarketIntel.Pipeline.Orchestrations;

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

    [Theory]
    [InlineData("""{"model":"gbm","mu":5,"sigma":0,"horizon":20,"paths":200,"batches":2,"seed":3}""", "beyond the supported range")]
    [InlineData("""{"model":"gbm","mu":0.0001,"sigma":0.01,"horizon":1,"paths":120000,"batches":1,"seed":3,"confidences":[0.01]}""", "the limit is")]
    public async Task RunThatFailsInItsActivities_EndsFailedWithTheReason_InItsStatusAndItsRunRecord(string body, string reason)
    {
        var response = await host.Client.SendAsync(Post(body));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = (await response.Content.ReadFromJsonAsync<RunAccepted>())!;
        Assert.Equal(RunStatus.Running, accepted.Status);

        var status = await PollAsync(accepted.StatusUrl);
        Assert.Equal("failed", status.GetProperty("status").GetString());
        Assert.Contains(reason, status.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, status.GetProperty("report").ValueKind);

        var run = await RunRecordAsync(accepted.Id);
        Assert.Equal("failed", run.GetProperty("status").GetString());
        Assert.Contains(reason, run.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailedRun_IsRunAgainByTheSamePost()
    {
        const string body = """{"model":"gbm","mu":4,"sigma":0,"horizon":25,"paths":100,"batches":1,"seed":5}""";
        var runner = host.Services.GetRequiredService<LocalOrchestrationRunner>();
        var first = (await (await host.Client.SendAsync(Post(body))).Content.ReadFromJsonAsync<RunAccepted>())!;
        Assert.Equal("failed", (await PollAsync(first.StatusUrl)).GetProperty("status").GetString());
        await runner.WaitAsync(first.Id);
        var failedRuns = runner.Failed;

        var again = await host.Client.SendAsync(Post(body));
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        var accepted = (await again.Content.ReadFromJsonAsync<RunAccepted>())!;
        Assert.Equal((first.Id, RunStatus.Running), (accepted.Id, accepted.Status));

        // It ran again (and, being the same request, failed again): one more failed run, the same answer.
        await runner.WaitAsync(first.Id);
        Assert.Equal(failedRuns + 1, runner.Failed);
        var status = await PollAsync(first.StatusUrl);
        Assert.Equal("failed", status.GetProperty("status").GetString());
        Assert.Contains("beyond the supported range", status.GetProperty("reason").GetString(), StringComparison.Ordinal);
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
    [InlineData("""{"model":"gbm","mu":0.001,"sigma":0.1,"confidences":[1.5]}""", null)]
    [InlineData("""{"model":"gbm","mu":0.001,"sigma":0.1,"paths":10,"batches":11}""", "batches")]
    [InlineData("""{"model":"heston","mu":0.001,"sigma":0.1}""", "model")]
    [InlineData("""{"model":"gbm","mu":0.001,""", "body")]
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
