using MarketIntel.Pipeline.Engine;

namespace MarketIntel.Pipeline.Workflows;

/// <summary>
/// Ingest fan-out: fetch and store new bars per batch of symbols (each batch records its checkpoints), backfill every
/// gap the batches detected, refresh indicator snapshots of the batches that got bars, then evaluate the paper accounts' working orders on them; the run's states are recorded by <see cref="RunLifecycle"/>.
/// </summary>
public static class IngestOrchestration
{
    public const string Name = "Ingest";

    public static Task<IngestRunSummary> RunAsync(IOrchestrationContext context, IngestRunRequest request, FanOutOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        options ??= FanOutOptions.Default;
        return RunLifecycle.RunAsync(context, request.RunId, Name, options.Retry, async () =>
        {
            var chunks = BatchPlanner.Chunk(request.Symbols, request.BatchSize);
            var inputs = new List<IngestBatchInput>(chunks.Count);
            for (var i = 0; i < chunks.Count; i++)
            {
                inputs.Add(new IngestBatchInput(request.RunId, i, request.Provider, chunks[i], request.Timeframe, request.UntilUtc));
            }

            var batches = await FanOut.RunAsync<IngestBatchInput, IngestBatchResult>(context, ActivityNames.IngestBatch, inputs, options);
            batches.Sort((a, b) => a.BatchIndex.CompareTo(b.BatchIndex));
            var gaps = new List<GapRequest>();
            long bars = 0;
            foreach (var b in batches)
            {
                gaps.AddRange(b.Gaps);
                bars += b.BarsWritten;
            }

            long backfilled = 0;
            if (gaps.Count > 0)
            {
                context.Log($"Ingest {request.RunId}: backfilling {gaps.Count} gaps");
                foreach (var n in await FanOut.RunAsync<GapRequest, long>(context, ActivityNames.BackfillGap, gaps, options))
                {
                    backfilled += n;
                }
            }

            var snapshots = new List<SnapshotRequest>();
            foreach (var b in batches)
            {
                if (b.BarsWritten > 0 || b.Gaps.Count > 0)
                {
                    snapshots.Add(new SnapshotRequest(request.RunId, chunks[b.BatchIndex], request.Timeframe));
                }
            }

            await FanOut.RunAsync<SnapshotRequest, long>(context, ActivityNames.UpdateIndicatorSnapshots, snapshots, options);
            var fills = 0;
            if (snapshots.Count > 0)
            {
                var ingested = snapshots.SelectMany(s => s.Symbols).ToArray();
                fills = await context.CallActivityAsync<int>(ActivityNames.EvaluatePaperOrders, new PaperEvaluationRequest(request.RunId, request.Timeframe, ingested), options.Retry);
            }

            var summary = new IngestRunSummary(request.RunId, bars, gaps.Count, backfilled, fills);
            return (summary, $"{bars} bars, {gaps.Count} gaps, {backfilled} backfilled, {fills} paper fills");
        });
    }
}
