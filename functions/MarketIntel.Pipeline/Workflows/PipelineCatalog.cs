using MarketIntel.Pipeline.Engine;

namespace MarketIntel.Pipeline.Workflows;

/// <summary>
/// The one table of the pipeline's orchestrations and activities with their input and output types. The local runner
/// registers from it; the Functions app has one orchestrator or activity function per row (its attributes must be
/// compile-time constants), and a test checks those functions, and the generated functions.metadata, against it.
/// </summary>
public static class PipelineCatalog
{
    public static TRegistry Register<TRegistry>(TRegistry registry, PipelineActivities activities)
        where TRegistry : IPipelineRegistry
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(activities);
        registry.AddOrchestration<IngestRunRequest, IngestRunSummary>(IngestOrchestration.Name, (c, r) => IngestOrchestration.RunAsync(c, r));
        registry.AddOrchestration<ScanRunRequest, RunResult>(ScanOrchestration.Name, (c, r) => ScanOrchestration.RunAsync(c, r));
        registry.AddOrchestration<MonteCarloRunRequest, RunResult>(MonteCarloOrchestration.Name, (c, r) => MonteCarloOrchestration.RunAsync(c, r));
        registry.AddOrchestration<FanOutRequest, List<System.Text.Json.JsonElement>>(FanOutOrchestration.Name, FanOutOrchestration.RunAsync);
        registry.AddOrchestration<string, long>(MaintenanceOrchestrations.Outcomes, MaintenanceOrchestrations.RefreshOutcomesAsync);
        registry.AddOrchestration<RetentionRequest, long>(MaintenanceOrchestrations.Retention, MaintenanceOrchestrations.ApplyRetentionAsync);

        registry.AddActivity<IngestBatchInput, IngestBatchResult>(ActivityNames.IngestBatch, (r, ct) => activities.Ingest.IngestBatchAsync(r, ct));
        registry.AddActivity<GapRequest, long>(ActivityNames.BackfillGap, (r, ct) => activities.Ingest.BackfillGapAsync(r, ct));
        registry.AddActivity<SnapshotRequest, long>(ActivityNames.UpdateIndicatorSnapshots, (r, ct) => activities.Ingest.UpdateIndicatorSnapshotsAsync(r, ct));
        registry.AddActivity<ScanBatchInput, BatchResultRef>(ActivityNames.ScanBatch, (r, ct) => activities.Scan.ScanBatchAsync(r, ct));
        registry.AddActivity<ScanMergeRequest, RunResult>(ActivityNames.RankAndStoreScan, (r, ct) => activities.Scan.RankAndStoreAsync(r, ct));
        registry.AddActivity<string, long>(ActivityNames.RefreshOutcomes, (r, ct) => activities.Scan.RefreshOutcomesAsync(r, ct));
        registry.AddActivity<RetentionRequest, long>(ActivityNames.ApplyRetention, (r, ct) => activities.Retention.ApplyAsync(r, ct));
        registry.AddActivity<MonteCarloBatchInput, BatchResultRef>(ActivityNames.SimulateMonteCarloBatch, (r, ct) => activities.MonteCarlo.SimulateBatchAsync(r, ct));
        registry.AddActivity<MergeRequest, RunResult>(ActivityNames.MergeMonteCarlo, (r, ct) => activities.MonteCarlo.MergeAsync(r, ct));
        registry.AddActivity<PaperEvaluationRequest, int>(ActivityNames.EvaluatePaperOrders, (r, ct) => activities.Paper.EvaluateAsync(r, ct));
        registry.AddActivity<RunRecord, bool>(ActivityNames.RecordRun, (r, ct) => activities.Runs.RecordAsync(r, null, ct));
        return registry;
    }
}
