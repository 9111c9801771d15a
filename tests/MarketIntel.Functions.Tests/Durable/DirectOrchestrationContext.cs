using System.Text.Json;
using MarketIntel.Pipeline.Orchestration;

namespace MarketIntel.Functions.Tests.Durable;

/// <summary>The pipeline's port implemented directly (no Durable), as the pipeline's own recording tests drive it: the reference call sequence.</summary>
public sealed class DirectOrchestrationContext(string instanceId, DateTime start, Func<string, JsonElement, object?> activity) : IOrchestrationContext
{
    private DateTime _now = start;

    public string InstanceId { get; } = instanceId;

    public DateTime CurrentUtcDateTime => _now;

    public bool IsReplaying => false;

    public List<(string Name, string Input)> Activities { get; } = [];

    public Task<TResult> CallActivityAsync<TResult>(string name, object? input, PipelineRetryPolicy? retry = null)
    {
        var json = JsonSerializer.SerializeToElement(input, PipelineJson.Options);
        Activities.Add((name, json.GetRawText()));
        _now = _now.AddSeconds(1);
        return Task.FromResult(JsonSerializer.SerializeToElement(activity(name, json), PipelineJson.Options).Deserialize<TResult>(PipelineJson.Options)!);
    }

    public async Task<TResult> CallSubOrchestrationAsync<TResult>(string name, string instanceId, object? input, PipelineRetryPolicy? retry = null)
    {
        var child = new DirectOrchestrationContext(instanceId, _now, activity);
        var result = await FanOutOrchestration.RunAsync(child, JsonSerializer.SerializeToElement(input, PipelineJson.Options).Deserialize<FanOutRequest>(PipelineJson.Options)!);
        Activities.AddRange(child.Activities);
        return JsonSerializer.SerializeToElement(result, PipelineJson.Options).Deserialize<TResult>(PipelineJson.Options)!;
    }

    public void Log(string message)
    {
    }
}
