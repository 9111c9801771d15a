using System.Text.Json;

namespace MarketIntel.Pipeline.Engine;

/// <summary>The sub-orchestration behind large fan-outs: calls one activity per input and returns results in order.</summary>
public static class FanOutOrchestration
{
    public const string Name = "FanOut";

    public static async Task<List<JsonElement>> RunAsync(IOrchestrationContext context, FanOutRequest request)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        var tasks = new Task<JsonElement>[request.Inputs.Count];
        for (var i = 0; i < tasks.Length; i++)
        {
            tasks[i] = context.CallActivityAsync<JsonElement>(request.Activity, request.Inputs[i], PipelineRetryPolicy.Default);
        }

        return [.. await Task.WhenAll(tasks)];
    }
}
