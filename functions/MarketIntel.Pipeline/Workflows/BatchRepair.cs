using MarketIntel.Pipeline.Engine;

namespace MarketIntel.Pipeline.Workflows;

/// <summary>
/// The merge of a fan-out, repairing lost batches. A merge that finds batch results missing from the store (one that
/// lost writes it had acknowledged, as Azurite does when killed between its periodic saves) returns their indexes instead
/// of failing; those batches run again (their ids are deterministic, so a re-run overwrites and never doubles) and the
/// merge is tried again, at most <see cref="MaxRepairs"/> times. Re-runs are plain activity calls, not the fan-out's
/// sub-orchestrations, whose instance ids the first pass has used.
/// </summary>
public static class BatchRepair
{
    public const int MaxRepairs = 2;

    public static async Task<RunResult> MergeAsync<TInput>(IOrchestrationContext context, string runId, string batchActivity, IReadOnlyList<TInput> inputs,
        FanOutOptions options, Func<Task<RunResult>> merge)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(merge);
        for (var repair = 0; ; repair++)
        {
            var result = await merge();
            if (result.MissingBatches is not { Count: > 0 } missing)
            {
                return result;
            }

            var which = string.Join(", ", missing);
            if (repair == MaxRepairs || missing.Any(i => i < 0 || i >= inputs.Count))
            {
                throw new InvalidOperationException($"batches {which} of run {runId} are missing from the store after {repair} re-runs");
            }

            context.Log($"Run {runId}: batches {which} are missing from the store; running them again");
            foreach (var group in missing.Chunk(options.MaxInline))
            {
                await Task.WhenAll(group.Select(i => context.CallActivityAsync<BatchResultRef>(batchActivity, inputs[i], options.Retry)));
            }
        }
    }
}
