using System.Text.Json;
using MarketIntel.Core.Storage;
using MarketIntel.Functions.Durable;
using MarketIntel.Pipeline.Activities;
using MarketIntel.Pipeline.Engine;
using MarketIntel.Pipeline.Ports;
using MarketIntel.Pipeline.Workflows;
using Microsoft.Extensions.DependencyInjection;

namespace MarketIntel.Functions.Tests.Durable;

[Trait("Category", "FunctionsApi")]
public sealed class ActivityFunctionTests : IDisposable
{
    private readonly FunctionsTestHost _host = new(new DateTimeOffset(2026, 11, 21, 5, 0, 0, TimeSpan.Zero));

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task MonteCarloActivities_RunThroughTheFunctions_AndStoreTheReport()
    {
        var functions = _host.Create<ActivityFunctions>();
        var model = JsonSerializer.SerializeToElement(new { model = "gbm", mu = 0.0005, sigma = 0.02, horizon = 10, paths = 200, batches = 2, seed = 7 }, PipelineJson.Options);
        var batches = new List<BatchResultRef>();
        for (var b = 0; b < 2; b++)
        {
            var result = await functions.SimulateMonteCarloBatch(PipelinePayload.From(new MonteCarloBatchInput("mc-x", b, b * 100, 100, 7, model)), CancellationToken.None);
            batches.Add(PipelinePayload.Read<BatchResultRef>(result));
        }

        var merged = PipelinePayload.Read<RunResult>(await functions.MergeMonteCarlo(PipelinePayload.From(new MergeRequest("mc-x", batches)), CancellationToken.None));

        Assert.Equal(new RunResult("mc-x", MonteCarloActivities.ReportId, 200), merged);
        var report = await _host.Records.GetAsync<JsonElement>(RecordKinds.RiskReport, "mc-x", MonteCarloActivities.ReportId);
        Assert.Equal("completed", report!.Status);
    }

    [Fact]
    public async Task RecordRun_WritesTheRunRecord_AndCountsItInMetrics()
    {
        var functions = _host.Create<ActivityFunctions>();
        var start = new DateTime(2026, 11, 21, 5, 0, 0, DateTimeKind.Utc);
        await functions.RecordRun(PipelinePayload.From(new RunRecord("ingest-1", IngestOrchestration.Name, RunStatus.Completed, start, start.AddSeconds(3), "ok")), CancellationToken.None);

        var stored = await _host.Records.GetAsync<RunRecord>(RecordKinds.OrchestrationRun, RunRecordActivities.Partition(start), "ingest-1");
        Assert.Equal("ok", stored!.Payload.Summary);
        Assert.Equal(1, _host.Services.GetRequiredService<IPipelineMetrics>().Completed);
    }
}
