using MarketIntel.Core.Storage;
using MarketIntel.Pipeline.Activities;
using MarketIntel.Pipeline.Local;
using MarketIntel.Pipeline.Orchestrations;

namespace MarketIntel.Host;

/// <summary>Registers the local orchestration runner with the same orchestrations and activities as the Functions app.</summary>
public static class LocalPipeline
{
    public static IServiceCollection AddLocalPipeline(this IServiceCollection services)
    {
        services.AddSingleton<MonteCarloActivities>();
        services.AddSingleton<RunRecordActivities>();
        services.AddSingleton<IngestActivities>();
        services.AddSingleton<ScanActivities>();
        services.AddSingleton<RetentionActivities>();
        services.AddSingleton(sp =>
        {
            var mc = sp.GetRequiredService<MonteCarloActivities>();
            var runs = sp.GetRequiredService<RunRecordActivities>();
            var ingest = sp.GetRequiredService<IngestActivities>();
            var scan = sp.GetRequiredService<ScanActivities>();
            var retention = sp.GetRequiredService<RetentionActivities>();
            return new LocalPipelineRegistry()
                .AddOrchestration<IngestRunRequest, IngestRunSummary>(IngestOrchestration.Name, (c, r) => IngestOrchestration.RunAsync(c, r))
                .AddActivity<IngestBatchInput, IngestBatchResult>(ActivityNames.IngestBatch, ingest.IngestBatchAsync)
                .AddActivity<GapRequest, long>(ActivityNames.BackfillGap, ingest.BackfillGapAsync)
                .AddActivity<SnapshotRequest, long>(ActivityNames.UpdateIndicatorSnapshots, ingest.UpdateIndicatorSnapshotsAsync)
                .AddOrchestration<ScanRunRequest, RunResult>(ScanOrchestration.Name, (c, r) => ScanOrchestration.RunAsync(c, r))
                .AddActivity<ScanBatchInput, MarketIntel.Pipeline.Orchestration.BatchResultRef>(ActivityNames.ScanBatch, scan.ScanBatchAsync)
                .AddActivity<MergeRequest, RunResult>(ActivityNames.RankAndStoreScan, scan.RankAndStoreAsync)
                .AddActivity<string, long>(ActivityNames.RefreshOutcomes, scan.RefreshOutcomesAsync)
                .AddOrchestration<string, long>(MaintenanceOrchestrations.Outcomes, MaintenanceOrchestrations.RefreshOutcomesAsync)
                .AddOrchestration<RetentionRequest, long>(MaintenanceOrchestrations.Retention, MaintenanceOrchestrations.ApplyRetentionAsync)
                .AddActivity<RetentionRequest, long>(ActivityNames.ApplyRetention, retention.ApplyAsync)
                .AddOrchestration<MonteCarloRunRequest, RunResult>(MonteCarloOrchestration.Name, (c, r) => MonteCarloOrchestration.RunAsync(c, r))
                .AddActivity<MonteCarloBatchInput, MarketIntel.Pipeline.Orchestration.BatchResultRef>(ActivityNames.SimulateMonteCarloBatch, mc.SimulateBatchAsync)
                .AddActivity<MergeRequest, RunResult>(ActivityNames.MergeMonteCarlo, mc.MergeAsync)
                .AddActivity<RunRecord, bool>(ActivityNames.RecordRun, (r, ct) => runs.RecordAsync(r, null, ct));
        });
        services.AddSingleton(sp =>
        {
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("MarketIntel.Pipeline");
            var parallel = sp.GetRequiredService<IConfiguration>().GetValue("Pipeline:MaxParallelActivities", Math.Max(2, Environment.ProcessorCount));
            return new LocalOrchestrationRunner(sp.GetRequiredService<LocalPipelineRegistry>(), sp.GetRequiredService<IRecordStore>(), sp.GetRequiredService<TimeProvider>(), parallel,
                message => logger.LogInformation("{Message}", message));
        });
        services.AddSingleton<IOrchestrationStarter>(sp => sp.GetRequiredService<LocalOrchestrationRunner>());
        services.AddSingleton<IPipelineMetrics>(sp => sp.GetRequiredService<LocalOrchestrationRunner>());
        services.AddHostedService<LocalPipelineService>();
        return services;
    }
}
