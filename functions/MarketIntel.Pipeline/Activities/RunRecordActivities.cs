using System.Globalization;
using System.Text.Json;
using MarketIntel.Core.Storage;
using MarketIntel.Pipeline.Orchestration;
using MarketIntel.Pipeline.Orchestrations;

namespace MarketIntel.Pipeline.Activities;

/// <summary>Writes orchestration run records (the system-logs view). Idempotent: the id is the run id.</summary>
public sealed class RunRecordActivities(IRecordStore records)
{
    public static string Partition(DateTime utc) => StorageKey.Compose("orchestration", utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    public async Task<bool> RecordAsync(RunRecord run, JsonElement? inputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var partition = Partition(run.StartedUtc);
        var existing = await records.GetAsync<RunRecord>(RecordKinds.OrchestrationRun, partition, run.RunId, cancellationToken);
        await records.UpsertAsync(new RecordEnvelope<RunRecord>(
            run.RunId, partition, RecordKinds.OrchestrationRun, run.StartedUtc,
            inputs ?? existing?.Inputs ?? JsonSerializer.SerializeToElement(new { run.Kind }, PipelineJson.Options),
            PipelineVersion.Current, run.Status, run), cancellationToken);
        return true;
    }
}
