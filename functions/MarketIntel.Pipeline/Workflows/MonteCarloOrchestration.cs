using MarketIntel.Core.Risk;
using MarketIntel.Pipeline.Engine;

namespace MarketIntel.Pipeline.Workflows;

/// <summary>
/// Monte Carlo fan-out: plan contiguous path ranges, simulate each batch as an activity, merge the stored batch
/// summaries exactly (in batch order); the run's states are recorded by <see cref="RunLifecycle"/>. Because path i's randomness depends only on (seed, i), the
/// merged report is identical for any number of batches.
/// </summary>
public static class MonteCarloOrchestration
{
    public const string Name = "MonteCarlo";

    public static Task<RunResult> RunAsync(IOrchestrationContext context, MonteCarloRunRequest request, FanOutOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        options ??= FanOutOptions.Default;
        return RunLifecycle.RunAsync(context, request.RunId, Name, options.Retry, async () =>
        {
            var plan = MonteCarloEngine.Split(request.Paths, request.Batches);
            var inputs = new List<MonteCarloBatchInput>(plan.Length);
            for (var b = 0; b < plan.Length; b++)
            {
                inputs.Add(new MonteCarloBatchInput(request.RunId, b, plan[b].FirstPath, plan[b].Count, request.Seed, request.Model));
            }

            context.Log($"Monte Carlo {request.RunId}: {request.Paths} paths in {plan.Length} batches");
            var batches = await FanOut.RunAsync<MonteCarloBatchInput, BatchResultRef>(context, ActivityNames.SimulateMonteCarloBatch, inputs, options);
            batches.Sort((a, b) => a.BatchIndex.CompareTo(b.BatchIndex));
            var result = await BatchRepair.MergeAsync(context, request.RunId, ActivityNames.SimulateMonteCarloBatch, inputs, options,
                () => context.CallActivityAsync<RunResult>(ActivityNames.MergeMonteCarlo, new MergeRequest(request.RunId, batches), options.Retry));
            return (result, $"{request.Paths} paths, {plan.Length} batches");
        });
    }
}
