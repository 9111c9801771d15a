using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using MarketIntel.Core.Storage;
using MarketIntel.Pipeline.Activities;
using MarketIntel.Pipeline.Workflows;

namespace MarketIntel.Pipeline.ReadModels;

/// <summary>
/// Where scan runs live. Partition = run id, holding the run (id = run id) and its batch results (<c>batch|NNNNN</c>);
/// a listing record per run under <c>listing|yyyy-MM</c> lets the latest runs be read without a cross-partition query.
/// Payloads are written as JSON with named float literals (an open setup's forward returns are NaN) and enum names.
/// </summary>
public sealed class ScanRunStore(IRecordStore records)
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        // The run status's own converter first: the general enum converter would write its capitalized name.
        Converters = { new RunStatusJsonConverter(), new JsonStringEnumConverter() },
    };

    public static string BatchId(int index) => "batch|" + index.ToString("D5", CultureInfo.InvariantCulture);

    public static string ListingPartition(DateTime createdUtc) => StorageKey.Compose("listing", createdUtc.ToString("yyyy-MM", CultureInfo.InvariantCulture));

    public async Task SaveRunAsync(ScanRunDocument run, JsonElement inputs, string? ifMatchETag = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        // The listing first: a listing whose run is missing is skipped by readers, while a run without its listing (a host
        // killed between the two writes) could not be found by the start-up sweep that marks abandoned scans interrupted.
        var listing = new ScanRunListing(run.Id, run.Name, run.CreatedAt);
        await records.UpsertAsync(new RecordEnvelope<JsonElement>(StorageKey.TimeOrdered(run.CreatedAt, run.Id), ListingPartition(run.CreatedAt), RecordKinds.ScanRunListing,
            run.CreatedAt, inputs, PipelineVersion.Current, "listed", JsonSerializer.SerializeToElement(listing, Json)), cancellationToken).ConfigureAwait(false);
        await records.UpsertAsync(new RecordEnvelope<JsonElement>(run.Id, run.Id, RecordKinds.ScanRun, run.CreatedAt, inputs, PipelineVersion.Current, RunStatuses.Name(run.Status),
            JsonSerializer.SerializeToElement(run, Json)) { ETag = ifMatchETag }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<(ScanRunDocument Run, string? ETag, JsonElement Inputs)?> GetRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        var record = await records.GetAsync<JsonElement>(RecordKinds.ScanRun, runId, runId, cancellationToken).ConfigureAwait(false);
        return record is null ? null : (record.Payload.Deserialize<ScanRunDocument>(Json)!, record.ETag, record.Inputs);
    }

    public async Task SaveBatchAsync(string runId, ScanBatchResult batch, JsonElement inputs, DateTimeOffset createdAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await records.UpsertAsync(new RecordEnvelope<JsonElement>(BatchId(batch.BatchIndex), runId, RecordKinds.ScanRun, createdAt, inputs, PipelineVersion.Current, RunStatuses.Name(RunStatus.Completed),
            JsonSerializer.SerializeToElement(batch, Json)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A batch's stored result, or null when the store does not have it.</summary>
    public async Task<(ScanBatchResult Batch, JsonElement Inputs)?> TryGetBatchAsync(string runId, string reference, CancellationToken cancellationToken = default)
    {
        var record = await records.GetAsync<JsonElement>(RecordKinds.ScanRun, runId, reference, cancellationToken).ConfigureAwait(false);
        return record is null ? null : (record.Payload.Deserialize<ScanBatchResult>(Json)!, record.Inputs);
    }

    /// <summary>The newest runs first, from this month's listing back as far as needed (at most a year).</summary>
    public async Task<List<ScanRunListing>> ListAsync(DateTime nowUtc, int limit, CancellationToken cancellationToken = default)
    {
        var result = new List<ScanRunListing>();
        var month = new DateTime(nowUtc.Year, nowUtc.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var m = 0; m < 12 && result.Count < limit; m++, month = month.AddMonths(-1))
        {
            var listed = new List<ScanRunListing>();
            await foreach (var r in records.ReadAllAsync<JsonElement>(RecordKinds.ScanRunListing, ListingPartition(month), cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                listed.Add(r.Payload.Deserialize<ScanRunListing>(Json)!);
            }

            listed.Reverse();
            result.AddRange(listed.Take(limit - result.Count));
        }

        return result;
    }

    /// <summary>The newest completed run, or null.</summary>
    public async Task<ScanRunDocument?> LatestCompletedAsync(DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        foreach (var listing in await ListAsync(nowUtc, 50, cancellationToken).ConfigureAwait(false))
        {
            if (await GetRunAsync(listing.RunId, cancellationToken).ConfigureAwait(false) is { Run.Status: RunStatus.Completed } found)
            {
                return found.Run;
            }
        }

        return null;
    }
}
