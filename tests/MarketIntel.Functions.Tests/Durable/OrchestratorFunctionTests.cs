using System.Text.Json;
using MarketIntel.Functions.Durable;
using MarketIntel.Pipeline.Orchestration;
using MarketIntel.Pipeline.Orchestrations;
using Microsoft.DurableTask;

namespace MarketIntel.Functions.Tests.Durable;

[Trait("Category", "FunctionsApi")]
public sealed class OrchestratorFunctionTests
{
    private static readonly DateTime Start = new(2026, 11, 21, 5, 0, 0, DateTimeKind.Utc);
    private static readonly JsonElement Model = JsonSerializer.SerializeToElement(new { model = "gbm", mu = 0.0005, sigma = 0.02, horizon = 20 });

    private static RecordingTaskOrchestrationContext Context(string id, object request, bool replaying = false) =>
        new(id, Start, PipelinePayload.From(request), ScriptedActivities.Invoke, replaying);

    [Fact]
    public async Task MonteCarlo_SchedulesEachBatchThenMergeAndRecord_WithTheSharedRetryPolicy()
    {
        var context = Context("mc-1", new MonteCarloRunRequest("mc-1", 10, 3, 42, Model));
        var result = PipelinePayload.Read<RunResult>(await OrchestratorFunctions.MonteCarlo(context));

        Assert.Equal(
            [ActivityNames.SimulateMonteCarloBatch, ActivityNames.SimulateMonteCarloBatch, ActivityNames.SimulateMonteCarloBatch, ActivityNames.MergeMonteCarlo, ActivityNames.RecordRun],
            context.Calls.Select(c => c.Name));
        Assert.Equal([(0L, 3L), (3L, 3L), (6L, 4L)], context.Calls.Take(3).Select(c => PipelinePayload.Read<MonteCarloBatchInput>(c.Input)).Select(b => (b.PathStart, b.PathCount)));
        Assert.Equal(new RunResult("mc-1", "report/0+1+2", 10), result);
        var policy = context.Calls[0].Options!.Retry!.Policy!;
        var shared = PipelineRetryPolicy.Default;
        Assert.Equal((shared.MaxAttempts, shared.FirstRetryInterval, shared.BackoffCoefficient, shared.MaxRetryInterval),
            (policy.MaxNumberOfAttempts, policy.FirstRetryInterval, policy.BackoffCoefficient, policy.MaxRetryInterval));
        var record = PipelinePayload.Read<RunRecord>(context.Calls[^1].Input);
        Assert.Equal(("Completed", Start, Start.AddSeconds(4)), (record.Status, record.StartedUtc, record.FinishedUtc));
    }

    [Fact]
    public async Task ALargeFanOut_GoesThroughTheFanOutOrchestratorFunction_WithDeterministicChildInstanceIds()
    {
        var context = Context("mc-2", new MonteCarloRunRequest("mc-2", 1000, 250, 42, Model));
        var result = PipelinePayload.Read<RunResult>(await OrchestratorFunctions.MonteCarlo(context));

        var subs = context.Calls.Where(c => c.Kind == "suborchestration").ToList();
        Assert.Equal(["mc-2:SimulateMonteCarloBatch:0", "mc-2:SimulateMonteCarloBatch:1", "mc-2:SimulateMonteCarloBatch:2"], subs.Select(s => s.InstanceId));
        Assert.All(subs, s => Assert.Equal(FanOutOrchestration.Name, s.Name));
        Assert.All(subs, s => Assert.Equal(PipelineRetryPolicy.Default.MaxAttempts, s.Options!.Retry!.Policy!.MaxNumberOfAttempts));
        Assert.Equal([100, 100, 50], subs.Select(s => PipelinePayload.Read<FanOutRequest>(s.Input).Inputs.Count));
        Assert.Equal(250, context.Calls.Count(c => c.Name == ActivityNames.SimulateMonteCarloBatch));
        Assert.Equal(1000, result.Items);
        Assert.Equal(string.Join('+', Enumerable.Range(0, 250)), result.Reference["report/".Length..]);
    }

    [Fact]
    public async Task IngestAndScan_ThroughDurable_ScheduleTheSameActivitiesWithTheSameInputsAsTheDirectPort()
    {
        var ingest = new IngestRunRequest("ingest-1", "simulator", ["AAPL", "MSFTG", "BTC-USD", "ETHG", "SPY"], "1m", Start, 2);
        var durable = Context("ingest-1", ingest);
        await OrchestratorFunctions.Ingest(durable);
        var direct = new DirectOrchestrationContext("ingest-1", Start, ScriptedActivities.Invoke);
        await IngestOrchestration.RunAsync(direct, ingest);
        Assert.Equal(direct.Activities, durable.Calls.Select(c => (c.Name, c.Input.GetRawText())));
        Assert.Contains(durable.Calls, c => c.Name == ActivityNames.BackfillGap);

        var scan = new ScanRunRequest("scan-1", JsonSerializer.SerializeToElement(new { name = "x", entry = "close > 1" }), ["A", "B", "C"], 2);
        durable = Context("scan-1", scan);
        var result = PipelinePayload.Read<RunResult>(await OrchestratorFunctions.Scan(durable));
        direct = new DirectOrchestrationContext("scan-1", Start, ScriptedActivities.Invoke);
        Assert.Equal(await ScanOrchestration.RunAsync(direct, scan), result);
        Assert.Equal(direct.Activities, durable.Calls.Select(c => (c.Name, c.Input.GetRawText())));
        Assert.Equal([ActivityNames.ScanBatch, ActivityNames.ScanBatch, ActivityNames.RankAndStoreScan, ActivityNames.RefreshOutcomes, ActivityNames.RecordRun], durable.Calls.Select(c => c.Name));
    }

    [Fact]
    public async Task TheMaintenanceOrchestrations_RunTheirActivityThenRecord()
    {
        var context = Context("outcomes-1", "outcomes-1");
        Assert.Equal(5L, PipelinePayload.Read<long>(await OrchestratorFunctions.Outcomes(context)));
        Assert.Equal([ActivityNames.RefreshOutcomes, ActivityNames.RecordRun], context.Calls.Select(c => c.Name));
    }

    [Fact]
    public async Task Logging_IsReplaySafe()
    {
        var live = Context("mc-3", new MonteCarloRunRequest("mc-3", 10, 2, 1, Model));
        await OrchestratorFunctions.MonteCarlo(live);
        var replay = Context("mc-3", new MonteCarloRunRequest("mc-3", 10, 2, 1, Model), replaying: true);
        await OrchestratorFunctions.MonteCarlo(replay);

        Assert.Contains(live.Logs, l => l.Contains("mc-3: Monte Carlo mc-3: 10 paths in 2 batches", StringComparison.Ordinal));
        Assert.Empty(replay.Logs);
    }

    [Fact]
    public void NoRetryPolicy_MapsToNoDurableRetry()
    {
        Assert.Null(DurableOrchestrationContext.Options(null));
        Assert.Equal(1, DurableOrchestrationContext.Options(PipelineRetryPolicy.None)!.Retry!.Policy!.MaxNumberOfAttempts);
        Assert.IsType<TaskOptions>(DurableOrchestrationContext.Options(PipelineRetryPolicy.Default));
    }
}
