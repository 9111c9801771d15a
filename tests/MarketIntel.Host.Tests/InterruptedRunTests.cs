using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MarketIntel.Api;
using MarketIntel.Core.Risk;
using MarketIntel.Core.Storage;
using MarketIntel.Pipeline.Activities;
using MarketIntel.Pipeline.Application;
using MarketIntel.Pipeline.Engine;
using MarketIntel.Pipeline.Workflows;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace MarketIntel.Host.Tests;

/// <summary>A run the previous local host left running: the next start marks it interrupted, and the same request runs it again.</summary>
public sealed class InterruptedRunTests : IDisposable
{
    private const string Body = """{"model":"gbm","mu":0.0002,"sigma":0.01,"horizon":10,"paths":2000,"batches":2,"seed":8}""";
    private readonly string _data = Directory.CreateTempSubdirectory("marketintel-interrupted-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private WebApplication Build() => MarketIntelHost.Build(
        ["--urls", "http://127.0.0.1:0", "--data", _data, $"--Api:Key={LocalHostFixture.ApiKey}", "--Logging:LogLevel:Default=Warning", "--LocalHost:RunOnStart=false"]);

    [Fact]
    public async Task RunLeftRunningWhenTheHostStopped_IsInterruptedWithTheReasonOnTheNextStart_AndThePostRunsItAgain()
    {
        var job = JsonSerializer.Deserialize<MonteCarloJob>(Body, PipelineJson.Options)!;
        var id = MonteCarloRuns.RunId(job);
        var started = DateTime.UtcNow;
        await using (var previous = Build())
        {
            await previous.StartAsync();

            // What a host that stopped mid-run leaves behind: the accepted run's report record and its run record, both running.
            var records = previous.Services.GetRequiredService<IRecordStore>();
            await records.UpsertAsync(new RecordEnvelope<JsonElement>(MonteCarloActivities.ReportId, id, RecordKinds.RiskReport, started, JsonSerializer.SerializeToElement(job, PipelineJson.Options),
                MonteCarloEngine.CodeVersion, RunStatuses.Name(RunStatus.Running), JsonSerializer.SerializeToElement(new { })));
            Assert.True(await new RunRecordActivities(records).RecordAsync(new RunRecord(id, MonteCarloOrchestration.Name, RunStatus.Running, started, started, string.Empty), null, CancellationToken.None));
            await previous.StopAsync();
        }

        await using var next = Build();
        await next.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(next.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()) };
        var status = await client.GetFromJsonAsync<JsonElement>($"/api/risk/montecarlo/{id}");
        Assert.Equal("interrupted", status.GetProperty("status").GetString());
        Assert.Contains("stopped while this run was in progress", status.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var runs = await client.GetFromJsonAsync<List<RunRecord>>($"/api/runs?kind=MonteCarlo&day={started:yyyy-MM-dd}");
        Assert.Equal(RunStatus.Interrupted, runs!.Single(r => r.RunId == id).Status);

        using var post = new HttpRequestMessage(HttpMethod.Post, "/api/risk/montecarlo") { Content = new StringContent(Body, Encoding.UTF8, "application/json") };
        post.Headers.Add("x-api-key", LocalHostFixture.ApiKey);
        var response = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal((id, RunStatus.Running), await response.Content.ReadFromJsonAsync<RunAccepted>() is { } a ? (a.Id, a.Status) : default);
        for (var i = 0; i < 600 && status.GetProperty("status").GetString() != "completed"; i++)
        {
            await Task.Delay(100);
            status = await client.GetFromJsonAsync<JsonElement>($"/api/risk/montecarlo/{id}");
        }

        Assert.Equal("completed", status.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("reason").ValueKind);
        await next.StopAsync();
    }
}
