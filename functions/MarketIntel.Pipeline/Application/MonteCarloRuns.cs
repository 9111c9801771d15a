using System.Security.Cryptography;
using System.Text.Json;
using MarketIntel.Core.Risk;
using MarketIntel.Core.Storage;
using MarketIntel.Pipeline.Activities;
using MarketIntel.Pipeline.Engine;
using MarketIntel.Pipeline.Ports;
using MarketIntel.Pipeline.ReadModels;
using MarketIntel.Pipeline.Workflows;

namespace MarketIntel.Pipeline.Application;

/// <summary>
/// Monte Carlo runs: start one (validated up front, so an accepted run can finish; idempotent by a hash of the
/// request) and read its status and report.
/// </summary>
public sealed class MonteCarloRuns(IRecordStore records, TimeProvider time)
{
    /// <summary>
    /// The run id is a hash of the canonical request, so a retried request names the same run instead of starting another.
    /// </summary>
    public static string RunId(MonteCarloJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var canonical = JsonSerializer.SerializeToUtf8Bytes(job with { Confidences = job.Confidences ?? [0.95, 0.99], LossThresholds = job.LossThresholds ?? [0.05, 0.10, 0.20] }, PipelineJson.Options);
        return "mc-" + Convert.ToHexString(SHA256.HashData(canonical), 0, 10).ToLowerInvariant();
    }

    /// <summary>
    /// Starts a job unless the same request already ran or runs. A failed or interrupted run of the same request is
    /// started again under the same id (Durable's starter restarts an instance id only when its previous instance failed
    /// or was terminated, which is what a failed run's instance did).
    /// </summary>
    public async Task<UseCaseResult<RunStarted>> StartAsync(MonteCarloJob? job, IOrchestrationStarter starter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(starter);
        if (job is null)
        {
            return UseCaseError.Invalid("body", "a JSON object is required, e.g. {\"model\":\"gbm\",\"mu\":0.0005,\"sigma\":0.02,\"horizon\":20,\"paths\":100000,\"seed\":1}");
        }

        if (job.Problem() is { } problem)
        {
            return UseCaseError.Invalid(problem.Field, problem.Message);
        }

        var id = RunId(job);
        var existing = await records.GetAsync<JsonElement>(RecordKinds.RiskReport, id, MonteCarloActivities.ReportId, cancellationToken).ConfigureAwait(false);
        if (existing is not null && RunStatuses.Parse(existing.Status) is var status and (RunStatus.Running or RunStatus.Completed))
        {
            return new RunStarted(id, status);
        }

        var inputs = JsonSerializer.SerializeToElement(job, PipelineJson.Options);
        await records.UpsertAsync(new RecordEnvelope<JsonElement>(MonteCarloActivities.ReportId, id, RecordKinds.RiskReport, time.GetUtcNow(), inputs,
            MonteCarloEngine.CodeVersion, RunStatuses.Name(RunStatus.Running), JsonSerializer.SerializeToElement(new { }, PipelineJson.Options)), cancellationToken).ConfigureAwait(false);
        await starter.StartAsync(MonteCarloOrchestration.Name, id, new MonteCarloRunRequest(id, job.Paths, job.Batches, job.Seed, inputs), cancellationToken).ConfigureAwait(false);
        return new RunStarted(id, RunStatus.Running);
    }

    /// <summary>A run's status, inputs, and once completed its report, once failed or interrupted the reason.</summary>
    public async Task<UseCaseResult<MonteCarloStatus>> GetAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!id.StartsWith("mc-", StringComparison.Ordinal) || id.Length > 40 || !id.Skip(3).All(char.IsAsciiHexDigitLower))
        {
            return UseCaseError.Invalid("id", $"'{id}' is not a Monte Carlo run id (mc- and hex digits)");
        }

        var record = await records.GetAsync<JsonElement>(RecordKinds.RiskReport, id, MonteCarloActivities.ReportId, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return UseCaseError.NotFound($"Monte Carlo run '{id}' does not exist");
        }

        var status = RunStatuses.Parse(record.Status);
        var failure = status is RunStatus.Failed or RunStatus.Interrupted ? record.Payload.Deserialize<MonteCarloFailure>(MonteCarloActivities.Json) : null;
        var inputs = record.Inputs.Deserialize<MonteCarloJob>(PipelineJson.Options)
            ?? throw new InvalidDataException($"Monte Carlo run '{id}' has no stored inputs");
        return new MonteCarloStatus(id, status, record.CreatedAt, record.CodeVersion, inputs, status == RunStatus.Completed ? record.Payload : null, failure?.Reason);
    }
}
