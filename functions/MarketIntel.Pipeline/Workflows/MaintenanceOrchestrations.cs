using MarketIntel.Pipeline.Engine;

namespace MarketIntel.Pipeline.Workflows;

/// <summary>
/// The two small scheduled orchestrations: bring open setups' outcomes up to date, and apply the raw archive's
/// retention. Each is one activity inside <see cref="RunLifecycle"/>, so both show in the system log like the larger runs.
/// </summary>
public static class MaintenanceOrchestrations
{
    public const string Outcomes = "Outcomes";
    public const string Retention = "Retention";

    public static Task<long> RefreshOutcomesAsync(IOrchestrationContext context, string runId)
    {
        ArgumentNullException.ThrowIfNull(context);
        return RunLifecycle.RunAsync(context, runId, Outcomes, PipelineRetryPolicy.Default, async () =>
        {
            var refreshed = await context.CallActivityAsync<long>(ActivityNames.RefreshOutcomes, runId, PipelineRetryPolicy.Default);
            return (refreshed, $"{refreshed} outcomes refreshed");
        });
    }

    public static Task<long> ApplyRetentionAsync(IOrchestrationContext context, RetentionRequest request)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        return RunLifecycle.RunAsync(context, request.RunId, Retention, PipelineRetryPolicy.Default, async () =>
        {
            var deleted = await context.CallActivityAsync<long>(ActivityNames.ApplyRetention, request, PipelineRetryPolicy.Default);
            return (deleted, $"{deleted} raw payloads older than {request.CutoffUtc:yyyy-MM-dd} deleted");
        });
    }
}
