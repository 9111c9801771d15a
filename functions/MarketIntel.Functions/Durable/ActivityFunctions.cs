using System.Text.Json;
using MarketIntel.Pipeline.Activities;
using MarketIntel.Pipeline.Orchestrations;
using Microsoft.Azure.Functions.Worker;

namespace MarketIntel.Functions.Durable;

/// <summary>Durable activity functions: thin calls to the same activity classes the local runner registers.</summary>
public sealed class ActivityFunctions(
    MonteCarloActivities monteCarlo, RunRecordActivities runs, IngestActivities ingest, ScanActivities scan, RetentionActivities retention, FunctionsPipelineMetrics metrics)
{
    [Function(ActivityNames.SimulateMonteCarloBatch)]
    public async Task<JsonElement> SimulateMonteCarloBatch([ActivityTrigger] JsonElement input, CancellationToken cancellationToken) =>
        PipelinePayload.From(await monteCarlo.SimulateBatchAsync(PipelinePayload.Read<MonteCarloBatchInput>(input), cancellationToken));

    [Function(ActivityNames.MergeMonteCarlo)]
    public async Task<JsonElement> MergeMonteCarlo([ActivityTrigger] JsonElement input, CancellationToken cancellationToken) =>
        PipelinePayload.From(await monteCarlo.MergeAsync(PipelinePayload.Read<MergeRequest>(input), cancellationToken));

    [Function(ActivityNames.IngestBatch)]
    public async Task<JsonElement> IngestBatch([ActivityTrigger] JsonElement input, CancellationToken cancellationToken) =>
        PipelinePayload.From(await ingest.IngestBatchAsync(PipelinePayload.Read<IngestBatchInput>(input), cancellationToken));

    [Function(ActivityNames.BackfillGap)]
    public async Task<JsonElement> BackfillGap([ActivityTrigger] JsonElement input, CancellationToken cancellationToken) =>
        PipelinePayload.From(await ingest.BackfillGapAsync(PipelinePayload.Read<GapRequest>(input), cancellationToken));

    [Function(ActivityNames.UpdateIndicatorSnapshots)]
    public async Task<JsonElement> UpdateIndicatorSnapshots([ActivityTrigger] JsonElement input, CancellationToken cancellationToken) =>
        PipelinePayload.From(await ingest.UpdateIndicatorSnapshotsAsync(PipelinePayload.Read<SnapshotRequest>(input), cancellationToken));

    [Function(ActivityNames.ScanBatch)]
    public async Task<JsonElement> ScanBatch([ActivityTrigger] JsonElement input, CancellationToken cancellationToken) =>
        PipelinePayload.From(await scan.ScanBatchAsync(PipelinePayload.Read<ScanBatchInput>(input), cancellationToken));

    [Function(ActivityNames.RankAndStoreScan)]
    public async Task<JsonElement> RankAndStoreScan([ActivityTrigger] JsonElement input, CancellationToken cancellationToken) =>
        PipelinePayload.From(await scan.RankAndStoreAsync(PipelinePayload.Read<MergeRequest>(input), cancellationToken));

    [Function(ActivityNames.RefreshOutcomes)]
    public async Task<JsonElement> RefreshOutcomes([ActivityTrigger] JsonElement input, CancellationToken cancellationToken) =>
        PipelinePayload.From(await scan.RefreshOutcomesAsync(PipelinePayload.Read<string>(input), cancellationToken));

    [Function(ActivityNames.ApplyRetention)]
    public async Task<JsonElement> ApplyRetention([ActivityTrigger] JsonElement input, CancellationToken cancellationToken) =>
        PipelinePayload.From(await retention.ApplyAsync(PipelinePayload.Read<RetentionRequest>(input), cancellationToken));

    [Function(ActivityNames.RecordRun)]
    public async Task<JsonElement> RecordRun([ActivityTrigger] JsonElement input, CancellationToken cancellationToken)
    {
        var run = PipelinePayload.Read<RunRecord>(input);
        var written = await runs.RecordAsync(run, null, cancellationToken);
        metrics.Recorded(run.Status);
        return PipelinePayload.From(written);
    }
}
