using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using MarketIntel.Core.Risk;
using MarketIntel.Core.Storage;
using MarketIntel.Pipeline.Orchestration;
using MarketIntel.Pipeline.Orchestrations;

namespace MarketIntel.Pipeline.Activities;

/// <summary>
/// The Monte Carlo activities: simulate one batch and store its exact summary; merge the stored summaries in batch order
/// and store the report. Both are idempotent: a retried batch rewrites the same record with the same content.
/// Storage layout: partition = run id; ids <c>report</c> and <c>batch|NNNNN</c>.
/// </summary>
public sealed class MonteCarloActivities(IRecordStore records, TimeProvider time)
{
    public const string ReportId = "report";

    /// <summary>Summaries can hold NaN or infinities (e.g. a Sharpe ratio of a zero-volatility run).</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static string BatchId(int index) => "batch|" + index.ToString("D5", CultureInfo.InvariantCulture);

    public async Task<BatchResultRef> SimulateBatchAsync(MonteCarloBatchInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var job = input.Model.Deserialize<MonteCarloJob>(PipelineJson.Options) ?? throw new ArgumentException("model: missing");
        var engine = new MonteCarloEngine(job.ToModel(), job.ToSpec());
        var summary = engine.RunBatch(input.PathStart, input.PathCount, maxDegreeOfParallelism: Environment.ProcessorCount);
        var id = BatchId(input.BatchIndex);
        await records.UpsertAsync(new RecordEnvelope<JsonElement>(
            id, input.RunId, RecordKinds.RiskReport, time.GetUtcNow(), JsonSerializer.SerializeToElement(input, PipelineJson.Options),
            MonteCarloEngine.CodeVersion, RunStatuses.Name(RunStatus.Completed), JsonSerializer.SerializeToElement(summary, Json)), cancellationToken);
        return new BatchResultRef(input.BatchIndex, id, input.PathCount);
    }

    public async Task<RunResult> MergeAsync(MergeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var summaries = new List<MonteCarloBatchSummary>(request.Batches.Count);
        JsonElement? model = null;
        foreach (var batch in request.Batches)
        {
            var stored = await records.GetAsync<JsonElement>(RecordKinds.RiskReport, request.RunId, batch.Reference, cancellationToken)
                ?? throw new InvalidOperationException($"batch {batch.Reference} of run {request.RunId} is missing");
            summaries.Add(stored.Payload.Deserialize<MonteCarloBatchSummary>(Json)!);
            model ??= stored.Inputs.GetProperty("model");
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
