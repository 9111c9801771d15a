using System.Text.Json;
using MarketIntel.Pipeline.Engine;
using MarketIntel.Pipeline.Tests.Orchestration;
using MarketIntel.Pipeline.Workflows;

namespace MarketIntel.Pipeline.Tests.Orchestrations;

public sealed class ScanOrchestrationTests
{
    private static readonly DateTime Start = new(2024, 3, 9, 12, 0, 0, DateTimeKind.Utc);
    private static readonly ScanRunRequest Request = new(
        "scan-7", JsonSerializer.SerializeToElement(new { name = "ema-cross" }), ["AAPL", "MSFT", "AMZN", "NVDA", "AMD", "TSLA", "ABNB"], 3);

    [Fact]
    public async Task Scan_FansOutBatchesRanksThenRefreshesOutcomesThenRecords()
    {
        var context = new RecordingOrchestrationContext("scan-7", Start, new ScriptedActivities().Invoke);
        var result = await ScanOrchestration.RunAsync(context, Request);

        Assert.Equal(
            [ActivityNames.RecordRun, ActivityNames.ScanBatch, ActivityNames.ScanBatch, ActivityNames.ScanBatch, ActivityNames.RankAndStoreScan, ActivityNames.RefreshOutcomes, ActivityNames.RecordRun],
            context.History.Select(h => h.Name));
        var batches = context.History.Skip(1).Take(3).Select(h => JsonSerializer.Deserialize<ScanBatchInput>(h.Input, PipelineJson.Options)!).ToList();
        Assert.Equal([["AAPL", "MSFT", "AMZN"], ["NVDA", "AMD", "TSLA"], ["ABNB"]], batches.Select(b => b.Symbols.ToArray()));
        Assert.Equal(new RunResult("scan-7", "report/scan-7:0+1+2", 4), result);

        // The merge gets the definition from the orchestration, not by reading a batch back.
        var merge = JsonSerializer.Deserialize<ScanMergeRequest>(context.History[4].Input, PipelineJson.Options)!;
        Assert.Equal(Request.Definition.GetRawText(), merge.Definition.GetRawText());
        // And the run's start, which files a scheduled scan's listing under one key whatever attempt writes it.
        Assert.Equal(Start, merge.StartedUtc);
        Assert.Contains("4 setups, 5 outcomes refreshed", context.History[^1].Input, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABatchTheStoreLost_IsRunAgain_ThenTheMergeIsTriedAgain()
    {
        var activities = new ScriptedActivities { MissingOnMerge = static (_, call) => call == 1 ? [1] : null };
        var context = new RecordingOrchestrationContext("scan-7", Start, activities.Invoke);
        var result = await ScanOrchestration.RunAsync(context, Request);

        Assert.Equal(
            [ActivityNames.RecordRun, ActivityNames.ScanBatch, ActivityNames.ScanBatch, ActivityNames.ScanBatch, ActivityNames.RankAndStoreScan,
                ActivityNames.ScanBatch, ActivityNames.RankAndStoreScan, ActivityNames.RefreshOutcomes, ActivityNames.RecordRun],
            context.History.Select(h => h.Name));
        Assert.Equal(["NVDA", "AMD", "TSLA"], JsonSerializer.Deserialize<ScanBatchInput>(context.History[5].Input, PipelineJson.Options)!.Symbols);
        Assert.Equal(new RunResult("scan-7", "report/scan-7:0+1+2", 4), result);
    }

    [Fact]
    public async Task ABatchLostAfterEveryReRun_FailsTheRun_NamingIt()
    {
        var activities = new ScriptedActivities { MissingOnMerge = static (_, _) => [2] };
        var context = new RecordingOrchestrationContext("scan-7", Start, activities.Invoke);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => ScanOrchestration.RunAsync(context, Request));

        Assert.Contains("batches 2 of run scan-7 are missing", failure.Message, StringComparison.Ordinal);
        Assert.Equal(BatchRepair.MaxRepairs, context.History.Count(h => h.Name == ActivityNames.ScanBatch) - 3);
        Assert.Equal(BatchRepair.MaxRepairs + 1, context.History.Count(h => h.Name == ActivityNames.RankAndStoreScan));
    }

    [Fact]
    public async Task Replay_OfAScan_IsDeterministic()
    {
        var live = new RecordingOrchestrationContext("scan-7", Start, new ScriptedActivities().Invoke);
        var first = await ScanOrchestration.RunAsync(live, Request, new FanOutOptions(2, PipelineRetryPolicy.Default));
        var replay = new ReplayOrchestrationContext("scan-7", Start, live.History);
        Assert.Equal(first, await ScanOrchestration.RunAsync(replay, Request, new FanOutOptions(2, PipelineRetryPolicy.Default)));
        Assert.Equal(2, live.History.Count(h => h.Kind == "suborchestration"));
    }
}
