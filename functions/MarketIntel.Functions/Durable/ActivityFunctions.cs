using System.Text.Json;
using MarketIntel.Pipeline.Workflows;
using Microsoft.Azure.Functions.Worker;

namespace MarketIntel.Functions.Durable;

/// <summary>Durable activity functions: one per activity row of <see cref="PipelineCatalog"/>, each a thin call to the activity class the local runner calls.</summary>
public sealed class ActivityFunctions(PipelineActivities activities, FunctionsPipelineMetrics metrics)
{
    [Function(ActivityNames.SimulateMonteCarloBatch)]
    public async Task<JsonElement> SimulateMonteCarloBatch([ActivityTrigger] JsonElement input, CancellationToken cancellationToken) =>
        PipelinePayload.From(await activities.MonteCarlo.SimulateBatchAsync(PipelinePayload.Read<MonteCarloBatchInput>(input), cancellationToken));

    [Function(ActivityNames.MergeMonteCarlo)]
    public async Task<JsonElement> MergeMonteCarlo([ActivityTrigger] JsonElement input, CancellationToken cancellationToken) =>
        PipelinePayload.From(await activities.MonteCarlo.MergeAsync(PipelinePayload.Read<MergeRequest>(input), cancellationToken));

    [Function(ActivityNames.IngestBatch)]
    public async Task<JsonElement> IngestBatch([ActivityTrigger] JsonElement input, CancellationToken cancellationToken) =>
        PipelinePayload.From(await activities.Ingest.IngestBatchAsync(PipelinePayload.Read<IngestBatchInput>(input), cancellationToken));

    [Function(ActivityNames.BackfillGap)]
    public async Task<JsonElement> BackfillGap([ActivityTrigger] JsonElement input, CancellationToken cancellationToken) =>
        PipelinePayload.From(await activities.Ingest.BackfillGapAsync(PipelinePayload.Read<GapRequest>(input), cancellationToken));

    [Function(ActivityNames.UpdateIndicatorSnapshots)]
    public async Task<JsonElement> UpdateIndicatorSnapshots([ActivityTrigger] JsonElement input, CancellationToken cancellationToken) =>
        PipelinePayload.From(await activities.Ingest.UpdateIndicatorSnapshotsAsync(PipelinePayload.Read<SnapshotRequest>(input), cancellationToken));

    [Function(ActivityNames.ScanBatch)]
    public async Task<JsonElement> ScanBatch([ActivityTrigger] JsonElement input, CancellationToken cancellationToken) =>
        PipelinePayload.From(await activities.Scan.ScanBatchAsync(PipelinePayload.Read<ScanBatchInput>(input), cancellationToken));

    [Function(ActivityNames.RankAndStoreScan)]
    public async Task<JsonElement> RankAndStoreScan([ActivityTrigger] JsonElement input, CancellationToken cancellationToken) =>
        PipelinePayload.From(await activities.Scan.RankAndStoreAsync(PipelinePayload.Read<ScanMergeRequest>(input), cancellationToken));

    [Function(ActivityNames.EvaluatePaperOrders)]
    public async Task<JsonElement> EvaluatePaperOrders([ActivityTrigger] JsonElement input, CancellationToken cancellationToken) =>
        PipelinePayload.From(await activities.Paper.EvaluateAsync(PipelinePayload.Read<PaperEvaluationRequest>(input), cancellationToken));

    [Function(ActivityNames.RefreshOutcomes)]
    public async Task<JsonElement> RefreshOutcomes([ActivityTrigger] JsonElement input, CancellationToken cancellationToken) =>
        PipelinePayload.From(await activities.Scan.RefreshOutcomesAsync(PipelinePayload.Read<string>(input), cancellationToken));

    [Function(ActivityNames.ApplyRetention)]
    public async Task<JsonElement> ApplyRetention([ActivityTrigger] JsonElement input, CancellationToken cancellationToken) =>
        PipelinePayload.From(await activities.Retention.ApplyAsync(PipelinePayload.Read<RetentionRequest>(input), cancellationToken));

    [Function(ActivityNames.RecordRun)]
    public async Task<JsonElement> RecordRun([ActivityTrigger] JsonElement input, CancellationToken cancellationToken)
    {
        var run = PipelinePayload.Read<RunRecord>(input);
        var written = await activities.Runs.RecordAsync(run, null, cancellationToken);
        if (written)
        {
            metrics.Recorded(run.Status);
        }

        return PipelinePayload.From(written);
    }
}
