using MarketIntel.Pipeline.Orchestration;

namespace MarketIntel.Pipeline.Orchestrations;

/// <summary>
/// The two small scheduled orchestrations: bring open setups' outcomes up to date, and apply the raw archive's
/// retention. Each is one activity and a run record, so both show in the system log like the larger runs.
/// </summary>
public static class MaintenanceOrchestrations
{
    public const string Outcomes = "Outcomes";
    public const string Retention = "Retention";

    public static async Task<long> RefreshOutcomesAsync(IOrchestrationContext context, string runId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var started = context.CurrentUtcDateTime;
        var refreshed = await context.CallActivityAsync<long>(ActivityNames.RefreshOutcomes, runId, PipelineRetryPolicy.Default);
        await context.CallActivityAsync<bool>(ActivityNames.RecordRun,
            new RunRecord(runId, Outcomes, "Completed", started, context.CurrentUtcDateTime, $"{refreshed} outcomes refreshed"), PipelineRetryPolicy.Default);
        return refreshed;
    }

    public static async Task<long> ApplyRetentionAsync(IOrchestrationContext context, RetentionRequest request)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        var started = context.CurrentUtcDateTime;
        var deleted = await context.CallActivityAsync<long>(ActivityNames.ApplyRetention, request, PipelineRetryPolicy.Default);
        await context.CallActivityAsync<bool>(ActivityNames.RecordRun,
            new RunRecord(request.RunId, Retention, "Completed", started, context.CurrentUtcDateTime, $"{deleted} raw payloads older than {request.CutoffUtc:yyyy-MM-dd} deleted"), PipelineRetryPolicy.Default);
        return deleted;
    }
}
