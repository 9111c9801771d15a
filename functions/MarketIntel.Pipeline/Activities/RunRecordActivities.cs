using System.Globalization;
using System.Text.Json;
using MarketIntel.Core.Storage;
using MarketIntel.Pipeline.Engine;
using MarketIntel.Pipeline.Ports;
using MarketIntel.Pipeline.ReadModels;
using MarketIntel.Pipeline.Workflows;

namespace MarketIntel.Pipeline.Activities;

/// <summary>
/// Writes orchestration run records (the system-logs view), moving each only as <see cref="RunStatuses.CanMove"/> allows,
/// so a late or repeated write never moves a run backwards (a Completed run never becomes Running again). A Failed or
/// Interrupted run is also marked, with its reason, on its own status record (the scan run document, the Monte Carlo
/// report record): one activity both hosts already run, so a failure lands on both records in one step.
/// Idempotent: the id is the run id, and rewriting the same state is allowed. A write that changes the status is told
/// to <see cref="IPipelineNotifications"/> (the live stream), a rewrite of the same status is not.
/// </summary>
public sealed class RunRecordActivities(IRecordStore records, IPipelineNotifications? notifications = null)
{
    /// <summary>Compare-and-set attempts before giving up on a record that keeps changing underneath.</summary>
    private const int MaxAttempts = 5;

    public static string Partition(DateTime utc) => StorageKey.Compose("orchestration", utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>
    /// Writes <paramref name="run"/> unless the stored record's state may not move to its state; true when written.
    /// <paramref name="inputs"/> null keeps the stored record's inputs.
    /// </summary>
    public async Task<bool> RecordAsync(RunRecord run, JsonElement? inputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        run = run with { Reason = run.Reason is null ? null : RunStatuses.Bound(run.Reason) };
        var partition = Partition(run.StartedUtc);
        for (var attempt = 1; ; attempt++)
        {
            var existing = await records.GetAsync<RunRecord>(RecordKinds.OrchestrationRun, partition, run.RunId, cancellationToken).ConfigureAwait(false);
            if (!RunStatuses.CanMove(existing?.Payload.Status, run.Status))
            {
                return false;
            }

            try
            {
                if (run.Status is RunStatus.Failed or RunStatus.Interrupted)
                {
                    await MarkStatusRecordAsync(run, cancellationToken).ConfigureAwait(false);
                }

                // The ETag makes the check and the write one step: a writer that got in between is re-read and re-checked.
                await records.UpsertAsync(new RecordEnvelope<RunRecord>(
                    run.RunId, partition, RecordKinds.OrchestrationRun, existing?.CreatedAt ?? run.StartedUtc,
                    inputs ?? existing?.Inputs ?? JsonSerializer.SerializeToElement(new { run.Kind }, PipelineJson.Options),
                    PipelineVersion.Current, RunStatuses.Name(run.Status), run) { ETag = existing?.ETag }, cancellationToken).ConfigureAwait(false);
                if (existing?.Payload.Status != run.Status)
                {
                    notifications?.RunChanged(run);
                }

                return true;
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
            }
        }
    }

    /// <summary>Marks the run's own status record Failed/Interrupted with the reason, unless it is absent or already completed.</summary>
    private async Task MarkStatusRecordAsync(RunRecord run, CancellationToken cancellationToken)
    {
        switch (run.Kind)
        {
            case ScanOrchestration.Name:
            {
                var runs = new ScanRunStore(records);
                if (await runs.GetRunAsync(run.RunId, cancellationToken).ConfigureAwait(false) is { } stored && RunStatuses.CanMove(stored.Run.Status, run.Status))
                {
                    await runs.SaveRunAsync(stored.Run with { Status = run.Status, Reason = run.Reason, CompletedAt = run.FinishedUtc }, stored.Inputs, stored.ETag, cancellationToken).ConfigureAwait(false);
                }

                break;
            }

            case MonteCarloOrchestration.Name:
            {
                var report = await records.GetAsync<JsonElement>(RecordKinds.RiskReport, run.RunId, MonteCarloActivities.ReportId, cancellationToken).ConfigureAwait(false);
                if (report is not null && RunStatuses.CanMove(RunStatuses.Parse(report.Status), run.Status))
                {
                    await records.UpsertAsync(report with
                    {
                        Status = RunStatuses.Name(run.Status),
                        Payload = JsonSerializer.SerializeToElement(new MonteCarloFailure(run.Reason ?? string.Empty, run.FinishedUtc), MonteCarloActivities.Json),
                    }, cancellationToken).ConfigureAwait(false);
                }

                break;
            }
        }
    }
}
