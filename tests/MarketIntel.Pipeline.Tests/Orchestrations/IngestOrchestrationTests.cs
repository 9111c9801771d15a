using System.Text.Json;
using MarketIntel.Pipeline.Engine;
using MarketIntel.Pipeline.Tests.Orchestration;
using MarketIntel.Pipeline.Workflows;

namespace MarketIntel.Pipeline.Tests.Orchestrations;

public sealed class IngestOrchestrationTests
{
    private static readonly DateTime Until = new(2024, 3, 9, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Ingest_BackfillsEveryDetectedGapAndRefreshesSnapshotsOfBatchesWithNewBars()
    {
        // Symbols ending in G report a gap; symbols starting with Q have no new bars.
        var request = new IngestRunRequest("ing-1", "simulator", ["AAPL", "MSFTG", "QQQ", "QRVO", "NVDAG"], "1m", Until, 2);
        var context = new RecordingOrchestrationContext("ing-1", Until, new ScriptedActivities().Invoke);
        var summary = await IngestOrchestration.RunAsync(context, request);

        Assert.Equal(
            [ActivityNames.RecordRun, ActivityNames.IngestBatch, ActivityNames.IngestBatch, ActivityNames.IngestBatch, ActivityNames.BackfillGap, ActivityNames.BackfillGap,
             ActivityNames.UpdateIndicatorSnapshots, ActivityNames.UpdateIndicatorSnapshots, ActivityNames.EvaluatePaperOrders, ActivityNames.RecordRun],
            context.History.Select(h => h.Name));
        var gaps = context.History.Where(h => h.Name == ActivityNames.BackfillGap).Select(h => JsonSerializer.Deserialize<GapRequest>(h.Input, PipelineJson.Options)!.Symbol);
        Assert.Equal(["MSFTG", "NVDAG"], gaps);

        // The QQQ/QRVO batch got no bars and no gaps, so its snapshots are left alone.
        var snapshots = context.History.Where(h => h.Name == ActivityNames.UpdateIndicatorSnapshots).Select(h => JsonSerializer.Deserialize<SnapshotRequest>(h.Input, PipelineJson.Options)!.Symbols.ToArray());
        Assert.Equal([["AAPL", "MSFTG"], ["NVDAG"]], snapshots);
        // Paper accounts are evaluated once, on every symbol whose snapshot was refreshed (the scripted activity answers with the count).
        var evaluation = JsonSerializer.Deserialize<PaperEvaluationRequest>(context.History.Single(h => h.Name == ActivityNames.EvaluatePaperOrders).Input, PipelineJson.Options)!;
        Assert.Equal(["AAPL", "MSFTG", "NVDAG"], evaluation.Symbols);
        Assert.Equal("1m", evaluation.Timeframe);
        Assert.Equal(new IngestRunSummary("ing-1", 180, 2, 120, 3), summary);
    }

    [Fact]
    public async Task Ingest_WithoutGaps_SchedulesNoBackfill_AndReplays()
    {
        var request = new IngestRunRequest("ing-2", "simulator", ["AAPL", "MSFT", "AMZN"], "5m", Until, 10);
        var live = new RecordingOrchestrationContext("ing-2", Until, new ScriptedActivities().Invoke);
        var summary = await IngestOrchestration.RunAsync(live, request);
        Assert.DoesNotContain(live.History, h => h.Name == ActivityNames.BackfillGap);
        Assert.Equal(new IngestRunSummary("ing-2", 180, 0, 0, 3), summary);

        var replay = new ReplayOrchestrationContext("ing-2", Until, live.History);
        Assert.Equal(summary, await IngestOrchestration.RunAsync(replay, request));
    }
}
