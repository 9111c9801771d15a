using MarketIntel.Pipeline.Engine;

namespace MarketIntel.Pipeline.Workflows;

/// <summary>
/// Scan fan-out: split the universe into batches, scan each batch as an activity (which stores its setups and returns
/// a reference), rank all batches' setups into the stored run, refresh the outcomes of older setups; the run's states are recorded by <see cref="RunLifecycle"/>.
/// </summary>
public static class ScanOrchestration
{
    public const string Name = "Scan";

    public static Task<RunResult> RunAsync(IOrchestrationContext context, ScanRunRequest request, FanOutOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        options ??= FanOutOptions.Default;
        // The run's start, as RunLifecycle records it (replay-safe): the ranked run's creation time when nothing stored one.
        var started = context.CurrentUtcDateTime;
        return RunLifecycle.RunAsync(context, request.RunId, Name, options.Retry, async () =>
        {
            var chunks = BatchPlanner.Chunk(request.Universe, request.BatchSize);
            var inputs = new List<ScanBatchInput>(chunks.Count);
            for (var i = 0; i < chunks.Count; i++)
            {
                inputs.Add(new ScanBatchInput(request.RunId, i, chunks[i], request.Definition));
            }

            context.Log($"Scan {request.RunId}: {request.Universe.Count} symbols in {chunks.Count} batches");
            var batches = await FanOut.RunAsync<ScanBatchInput, BatchResultRef>(context, ActivityNames.ScanBatch, inputs, options);
            batches.Sort((a, b) => a.BatchIndex.CompareTo(b.BatchIndex));
            var result = await BatchRepair.MergeAsync(context, request.RunId, ActivityNames.ScanBatch, inputs, options,
                () => context.CallActivityAsync<RunResult>(ActivityNames.RankAndStoreScan, new ScanMergeRequest(request.RunId, batches, request.Definition, started), options.Retry));
            var refreshed = await context.CallActivityAsync<long>(ActivityNames.RefreshOutcomes, request.RunId, options.Retry);
            return (result, $"{request.Universe.Count} symbols, {result.Items} setups, {refreshed} outcomes refreshed");
        });
    }
}
