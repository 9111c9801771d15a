using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MarketIntel.Core.Risk;
using MarketIntel.Core.Storage;
using MarketIntel.Pipeline.Activities;
using MarketIntel.Pipeline.Local;
using MarketIntel.Pipeline.Orchestration;
using MarketIntel.Pipeline.Orchestrations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace MarketIntel.Api;

/// <summary><c>POST /api/risk/montecarlo</c> (202, idempotent) and <c>GET /api/risk/montecarlo/{id}</c>.</summary>
public static class RiskEndpoints
{
    /// <summary>
    /// The run id is a hash of the canonical request, so a retried POST names the same run instead of starting another.
    /// </summary>
    public static string RunId(MonteCarloJob job)
    {
        var canonical = JsonSerializer.SerializeToUtf8Bytes(job with { Confidences = job.Confidences ?? [0.95, 0.99], LossThresholds = job.LossThresholds ?? [0.05, 0.10, 0.20] }, PipelineJson.Options);
        return "mc-" + Convert.ToHexString(SHA256.HashData(canonical), 0, 10).ToLowerInvariant();
    }

    public static async Task<Results<Accepted<RunAccepted>, ProblemHttpResult>> StartMonteCarlo(HttpRequest request, IRecordStore records, IOrchestrationStarter starter, TimeProvider time, CancellationToken cancellationToken)
    {
        MonteCarloJob? job;
        try
        {
            job = await JsonSerializer.DeserializeAsync<MonteCarloJob>(request.Body, PipelineJson.Options, cancellationToken);
        }
        catch (JsonException ex)
        {
            return ApiProblem.BadRequest("body", $"malformed JSON at {ex.Path ?? "$"}: {ex.Message.Split('.')[0]}");
        }

        if (job is null)
        {
            return ApiProblem.BadRequest("body", "a JSON object is required, e.g. {\"model\":\"gbm\",\"mu\":0.0005,\"sigma\":0.02,\"horizon\":20,\"paths\":100000,\"seed\":1}");
        }

        try
        {
            job.Validate();
        }
        catch (ArgumentException ex)
        {
            var message = ex.Message;
            var colon = message.IndexOf(':', StringComparison.Ordinal);
            return colon > 0 ? ApiProblem.BadRequest(message[..colon], message[(colon + 1)..].Trim()) : ApiProblem.BadRequest("body", message);
        }

        var (id, status) = await StartAsync(job, records, starter, time, cancellationToken);
        var statusUrl = $"/api/risk/montecarlo/{id}";
        return TypedResults.Accepted(statusUrl, new RunAccepted(id, status, statusUrl));
    }

    /// <summary>
    /// Starts a validated job unless the same request already ran or runs; returns its id and status. A failed or
    /// interrupted run of the same request is started again under the same id (Durable's starter restarts an instance
    /// id only when its previous instance failed or was terminated, which is what a failed run's instance did).
    /// </summary>
    public static async Task<(string Id, RunStatus Status)> StartAsync(MonteCarloJob job, IRecordStore records, IOrchestrationStarter starter, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(starter);
        ArgumentNullException.ThrowIfNull(time);
        var id = RunId(job);
        var existing = await records.GetAsync<JsonElement>(RecordKinds.RiskReport, id, MonteCarloActivities.ReportId, cancellationToken);
        if (existing is not null && RunStatuses.Parse(existing.Status) is var status and (RunStatus.Running or RunStatus.Completed))
        {
            return (id, status);
        }

        var inputs = JsonSerializer.SerializeToElement(job, PipelineJson.Options);
        await records.UpsertAsync(new RecordEnvelope<JsonElement>(MonteCarloActivities.ReportId, id, RecordKinds.RiskReport, time.GetUtcNow(), inputs,
            MonteCarloEngine.CodeVersion, RunStatuses.Name(RunStatus.Running), JsonSerializer.SerializeToElement(new { }, PipelineJson.Options)), cancellationToken);
        await starter.StartAsync(MonteCarloOrchestration.Name, id, new MonteCarloRunRequest(id, job.Paths, job.Batches, job.Seed, inputs), cancellationToken);
        return (id, RunStatus.Running);
    }

    public static async Task<Results<Ok<MonteCarloStatus>, ProblemHttpResult>> GetMonteCarlo(string id, IRecordStore records, CancellationToken cancellationToken)
    {
        if (!id.StartsWith("mc-", StringComparison.Ordinal) || id.Length > 40 || !id.Skip(3).All(char.IsAsciiHexDigitLower))
        {
            return ApiProblem.BadRequest("id", $"'{id}' is not a Monte Carlo run id (mc- and hex digits)");
        }

        var record = await records.GetAsync<JsonElement>(RecordKinds.RiskReport, id, MonteCarloActivities.ReportId, cancellationToken);
        if (record is null)
        {
            return ApiProblem.NotFound($"Monte Carlo run '{id}' does not exist");
        }

        var status = RunStatuses.Parse(record.Status);
        var failure = status is RunStatus.Failed or RunStatus.Interrupted ? record.Payload.Deserialize<MonteCarloFailure>(MonteCarloActivities.Json) : null;
        var inputs = record.Inputs.Deserialize<MonteCarloJob>(PipelineJson.Options)
            ?? throw new InvalidDataException($"Monte Carlo run '{id}' has no stored inputs");
        return TypedResults.Ok(new MonteCarloStatus(id, status, record.CreatedAt, record.CodeVersion, inputs, status == RunStatus.Completed ? record.Payload : null, failure?.Reason));
    }
}
