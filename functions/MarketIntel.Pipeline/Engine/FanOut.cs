using System.Text.Json;

namespace MarketIntel.Pipeline.Engine;

/// <summary>Fan-out/fan-in of one activity over many inputs, through sub-orchestrations when there are too many.</summary>
public static class FanOut
{
    public static async Task<List<TResult>> RunAsync<TInput, TResult>(IOrchestrationContext context, string activity, IReadOnlyList<TInput> inputs, FanOutOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(options);
        if (inputs.Count <= options.MaxInline)
        {
            var tasks = new Task<TResult>[inputs.Count];
            for (var i = 0; i < inputs.Count; i++)
            {
                tasks[i] = context.CallActivityAsync<TResult>(activity, inputs[i], options.Retry);
            }

            return [.. await Task.WhenAll(tasks)];
        }

        var chunks = BatchPlanner.Chunk(inputs, options.MaxInline);
        var subTasks = new Task<List<JsonElement>>[chunks.Count];
        for (var c = 0; c < chunks.Count; c++)
        {
            var serialized = Array.ConvertAll(chunks[c], i => JsonSerializer.SerializeToElement(i, PipelineJson.Options));
            subTasks[c] = context.CallSubOrchestrationAsync<List<JsonElement>>(
                FanOutOrchestration.Name, $"{context.InstanceId}:{activity}:{c}", new FanOutRequest(activity, serialized), options.Retry);
        }

        var results = new List<TResult>(inputs.Count);
        foreach (var chunk in await Task.WhenAll(subTasks))
        {
            foreach (var element in chunk)
            {
                results.Add(element.Deserialize<TResult>(PipelineJson.Options)!);
            }
        }

        return results;
    }
}
