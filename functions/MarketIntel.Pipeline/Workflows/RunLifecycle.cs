using MarketIntel.Pipeline.Engine;

namespace MarketIntel.Pipeline.Workflows;

/// <summary>
/// The run-status bookkeeping every top-level orchestration shares, done by the orchestration itself through the
/// <see cref="ActivityNames.RecordRun"/> activity so that Durable and the local runner record the same states: Running at
/// the start, Completed with a summary at the end, and on any failure Failed with the reason (on the run record and, through
/// the same activity, on the run's own status record) before the failure is rethrown so the orchestration fails too.
/// </summary>
public static class RunLifecycle
{
    /// <summary>Runs <paramref name="body"/> between the Running and Completed records; body returns the result and its summary line.</summary>
    public static async Task<TResult> RunAsync<TResult>(
        IOrchestrationContext context, string runId, string kind, PipelineRetryPolicy retry, Func<Task<(TResult Result, string Summary)>> body)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(body);
        var started = context.CurrentUtcDateTime;
        await context.CallActivityAsync<bool>(ActivityNames.RecordRun, new RunRecord(runId, kind, RunStatus.Running, started, started, string.Empty), retry);
        TResult result;
        string summary;
        try
        {
            (result, summary) = await body();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A local host shutting down cancels its runs: that is an interruption (recorded at the next start), not a failure.
            var reason = RunStatuses.Reason(ex);
            context.Log($"{kind} {runId} failed: {reason}");
            try
            {
                await context.CallActivityAsync<bool>(ActivityNames.RecordRun,
                    new RunRecord(runId, kind, RunStatus.Failed, started, context.CurrentUtcDateTime, "failed", reason), retry);
            }
            catch (Exception recordFailure) when (recordFailure is not OperationCanceledException)
            {
                // The run's own failure is the one to surface; the record stays Running and says so in the log.
                context.Log($"{kind} {runId}: recording the failure failed too: {RunStatuses.Reason(recordFailure)}");
            }

            throw;
        }

        await context.CallActivityAsync<bool>(ActivityNames.RecordRun, new RunRecord(runId, kind, RunStatus.Completed, started, context.CurrentUtcDateTime, summary), retry);
        return result;
    }
}
