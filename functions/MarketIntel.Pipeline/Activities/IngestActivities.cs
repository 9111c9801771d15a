using System.Text.Json;
using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using MarketIntel.Ingestion.Service;
using MarketIntel.Pipeline.ReadModels;
using MarketIntel.Pipeline.Scheduling;
using MarketIntel.Pipeline.Workflows;

namespace MarketIntel.Pipeline.Activities;

/// <summary>
/// The ingest activities, thin over <see cref="IngestionService"/> (checkpoints, retries, archives, gap backfill) and
/// the stores. Idempotent: re-running a batch resumes from its checkpoints and upserts the same bars; snapshots are
/// recomputed from stored bars.
/// </summary>
public sealed class IngestActivities(IngestionService ingestion, IBarStore bars, IRecordStore records, PipelineSettings settings, TimeProvider time)
{
    /// <summary>Bars read to compute a snapshot (a day of 1m bars for the 24 h change, and warm-up for every indicator in it).</summary>
    public const int SnapshotBars = 1500;

    /// <summary>
    /// Brings each symbol of the batch up to the run's time from its checkpoint. A series that stopped early (provider
    /// down, retries exhausted) comes back as a gap over what it missed, which the orchestration backfills.
    /// </summary>
    public async Task<IngestBatchResult> IngestBatchAsync(IngestBatchInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var timeframe = Timeframe.Parse(input.Timeframe);
        var report = await ingestion.IngestSinceCheckpointsAsync(input.Provider, input.Symbols, timeframe, input.UntilUtc, settings.InitialLookback, cancellationToken: cancellationToken).ConfigureAwait(false);
        var gaps = new List<GapRequest>();
        foreach (var series in report.Series)
        {
            if (!series.Completed && series.CompleteUntilUtc < input.UntilUtc)
            {
                gaps.Add(new GapRequest(input.Provider, series.Symbol, input.Timeframe, series.CompleteUntilUtc, input.UntilUtc));
            }
        }

        return new IngestBatchResult(input.BatchIndex, report.Series.Sum(s => s.BarsWritten), gaps);
    }

    public Task<long> BackfillGapAsync(GapRequest gap, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gap);
        return ingestion.BackfillAsync(gap.Provider, gap.Symbol, Timeframe.Parse(gap.Timeframe), gap.FromUtc, gap.ToUtc, cancellationToken);
    }

    /// <summary>Recomputes the watchlist snapshot (last price, change, momentum, trend, relative volume) of each symbol.</summary>
    public async Task<long> UpdateIndicatorSnapshotsAsync(SnapshotRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var timeframe = Timeframe.Parse(request.Timeframe);
        var now = time.GetUtcNow();
        long written = 0;
        foreach (var name in request.Symbols)
        {
            var history = await BarHistory.ReadLastAsync(bars, new Symbol(name), timeframe, SnapshotBars, now.UtcDateTime.AddTicks(timeframe.Ticks), cancellationToken).ConfigureAwait(false);
            if (history.Count == 0)
            {
                continue;
            }

            var snapshot = IndicatorSnapshot.Compute(name, timeframe, history);
            await records.UpsertAsync(new RecordEnvelope<IndicatorSnapshot>(
                timeframe.ToString(), name, RecordKinds.IndicatorSnapshot, now,
                JsonSerializer.SerializeToElement(new { request.RunId, symbol = name, timeframe = request.Timeframe, bars = history.Count, lastBar = history[^1].OpenTime }),
                PipelineVersion.Current, "completed", snapshot), cancellationToken).ConfigureAwait(false);
            written++;
        }

        return written;
    }
}
