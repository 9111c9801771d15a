using MarketIntel.Functions.Durable;
using MarketIntel.Pipeline.Application;
using MarketIntel.Pipeline.Scheduling;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace MarketIntel.Functions.Timers;

/// <summary>
/// Timer triggers on the shared schedule settings. Each starts its run through <see cref="PipelineTriggers"/> (the
/// local host's scheduler uses the same class) with an instance id derived from the scheduled occurrence, so a timer
/// that fires twice for one occurrence starts one run.
/// </summary>
public sealed class ScheduleFunctions(Watchlists watchlists, PipelineSettings settings, TimeProvider time, FunctionsPipelineMetrics metrics, ILogger<ScheduleFunctions> logger)
{
    [Function("IngestTimer")]
    public async Task Ingest([TimerTrigger("%" + PipelineSettings.Keys.IngestSchedule + "%")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        Started(timer, await Triggers(client).StartIngestAsync(Occurrence(PipelineSettings.Keys.IngestSchedule, settings.IngestSchedule), cancellationToken));

    [Function("ScanTimer")]
    public async Task Scan([TimerTrigger("%" + PipelineSettings.Keys.ScanSchedule + "%")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        Started(timer, await Triggers(client).StartScanAsync(Occurrence(PipelineSettings.Keys.ScanSchedule, settings.ScanSchedule), cancellationToken));

    [Function("OutcomeTimer")]
    public async Task Outcomes([TimerTrigger("%" + PipelineSettings.Keys.OutcomeSchedule + "%")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        Started(timer, await Triggers(client).StartOutcomesAsync(Occurrence(PipelineSettings.Keys.OutcomeSchedule, settings.OutcomeSchedule), cancellationToken));

    [Function("RetentionTimer")]
    public async Task Retention([TimerTrigger("%" + PipelineSettings.Keys.RetentionSchedule + "%")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        Started(timer, await Triggers(client).StartRetentionAsync(Occurrence(PipelineSettings.Keys.RetentionSchedule, settings.RetentionSchedule), cancellationToken));

    private PipelineTriggers Triggers(DurableTaskClient client) => new(watchlists, new DurableOrchestrationStarter(client, metrics), settings);

    private DateTime Occurrence(string key, string expression) =>
        ScheduleOccurrence.Latest(PipelineSettings.ParseSchedule(key, expression), time.GetUtcNow().UtcDateTime);

    private void Started(TimerInfo timer, string instanceId) =>
        logger.LogInformation("Timer started {InstanceId} (past due: {PastDue})", instanceId, timer.IsPastDue);
}
