using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using MarketIntel.Core.Risk;
using MarketIntel.Core.Storage;
using MarketIntel.Pipeline.Application;
using MarketIntel.Pipeline.Engine;
using MarketIntel.Pipeline.Workflows;

namespace MarketIntel.Pipeline.Activities;

/// <summary>
/// The Monte Carlo activities: simulate one batch and store its exact summary; merge the stored summaries in batch order
/// and store the report. Both are idempotent: a retried batch rewrites the same record and finds its summary stored.
/// Storage layout: partition = run id; ids <c>report</c> and <c>batch|NNNNN</c>. A batch summary's tails grow with its
/// paths (megabytes at millions of paths, past what a record may hold), so each summary is an artifact
/// (<see cref="SummaryName"/>) and the batch record holds its reference (<see cref="MonteCarloBatchReference"/>).
/// </summary>
public sealed class MonteCarloActivities(IRecordStore records, IArtifactStore artifacts, TimeProvider time)
{
    public const string ReportId = "report";

    /// <summary>Summaries can hold NaN or infinities (e.g. a Sharpe ratio of a zero-volatility run).</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static string BatchId(int index) => "batch|" + index.ToString("D5", CultureInfo.InvariantCulture);

    /// <summary>
    /// The artifact of a batch's summary. The engine's code version is part of it: artifacts are immutable, and a re-run
    /// of the same request by other code may produce other bytes.
    /// </summary>
    public static string SummaryName(string runId, int index) => FormattableString.Invariant(
        $"montecarlo/{runId}/{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(MonteCarloEngine.CodeVersion)), 0, 6).ToLowerInvariant()}/batch-{index:D5}.json");

    public async Task<BatchResultRef> SimulateBatchAsync(MonteCarloBatchInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var job = input.Model.Deserialize<MonteCarloJob>(PipelineJson.Options) ?? throw new ArgumentException("model: missing");
        var engine = new MonteCarloEngine(job.ToModel(), job.ToSpec());
        var summary = engine.RunBatch(input.PathStart, input.PathCount, maxDegreeOfParallelism: Environment.ProcessorCount);
        var id = BatchId(input.BatchIndex);
        var name = SummaryName(input.RunId, input.BatchIndex);
        using var content = new MemoryStream();
        await JsonSerializer.SerializeAsync(content, summary, Json, cancellationToken).ConfigureAwait(false);
        content.Position = 0;
        var artifact = await artifacts.PutAsync(name, content, "application/json", MonteCarloEngine.CodeVersion, cancellationToken).ConfigureAwait(false);
        await records.UpsertAsync(new RecordEnvelope<JsonElement>(
            id, input.RunId, RecordKinds.RiskReport, time.GetUtcNow(), JsonSerializer.SerializeToElement(input, PipelineJson.Options),
            MonteCarloEngine.CodeVersion, RunStatuses.Name(RunStatus.Completed),
            JsonSerializer.SerializeToElement(new MonteCarloBatchReference(artifact.Name, artifact.Length, artifact.Sha256), PipelineJson.Options)), cancellationToken).ConfigureAwait(false);
        return new BatchResultRef(input.BatchIndex, id, input.PathCount);
    }

    public async Task<RunResult> MergeAsync(MergeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var summaries = new List<MonteCarloBatchSummary>(request.Batches.Count);
        JsonElement? model = null;
        var lost = new List<int>();
        foreach (var batch in request.Batches)
        {
            // A batch whose record or summary the store no longer has is run again by the orchestration (BatchRepair).
            var stored = await records.GetAsync<JsonElement>(RecordKinds.RiskReport, request.RunId, batch.Reference, cancellationToken);
            var reference = stored?.Payload.Deserialize<MonteCarloBatchReference>(PipelineJson.Options);
            await using var content = reference is null ? null : await artifacts.OpenReadAsync(reference.Artifact, cancellationToken).ConfigureAwait(false);
            if (content is null)
            {
                lost.Add(batch.BatchIndex);
                continue;
            }

            summaries.Add((await JsonSerializer.DeserializeAsync<MonteCarloBatchSummary>(content, Json, cancellationToken).ConfigureAwait(false))!);
            model ??= stored!.Inputs.GetProperty("model");
        }

        if (lost.Count > 0)
        {
            return new RunResult(request.RunId, ReportId, 0) { MissingBatches = lost };
        }

        var job = model!.Value.Deserialize<MonteCarloJob>(PipelineJson.Options)!;
        var engine = new MonteCarloEngine(job.ToModel(), job.ToSpec());
        var report = engine.Report(MonteCarloBatchSummary.Merge(summaries), request.Batches.Count);
        var existing = await records.GetAsync<JsonElement>(RecordKinds.RiskReport, request.RunId, ReportId, cancellationToken);
        await records.UpsertAsync(new RecordEnvelope<JsonElement>(
            ReportId, request.RunId, RecordKinds.RiskReport, existing?.CreatedAt ?? time.GetUtcNow(), model.Value,
            MonteCarloEngine.CodeVersion, RunStatuses.Name(RunStatus.Completed), JsonSerializer.SerializeToElement(report, Json)), cancellationToken);
        return new RunResult(request.RunId, ReportId, job.Paths);
    }
}
