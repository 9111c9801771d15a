using System.Text.Json;
using MarketIntel.Pipeline.Engine;

namespace MarketIntel.Pipeline.Tests.Orchestration;

/// <summary>
/// Drives an orchestration against scripted activities. Inputs and results cross a JSON boundary as in Durable, the
/// shared retry policy is applied, sub-orchestrations run inline (as the <see cref="FanOutOrchestration"/>), and every
/// scheduled call is recorded in order for assertions and replay.
/// </summary>
internal sealed class RecordingOrchestrationContext(string instanceId, DateTime start, Func<string, JsonElement, int, object?> activity) : IOrchestrationContext
{
    private readonly List<HistoryEvent> _history = [];
    private DateTime _now = start;

    public string InstanceId { get; } = instanceId;

    public DateTime CurrentUtcDateTime => _now;

    public bool IsReplaying => false;

    public List<string> Logs { get; } = [];

    /// <summary>Every call scheduled by this orchestration and, depth-first, by its sub-orchestrations.</summary>
    public List<HistoryEvent> AllCalls { get; } = [];

    public IReadOnlyList<HistoryEvent> History => _history;

    public Task<TResult> CallActivityAsync<TResult>(string name, object? input, PipelineRetryPolicy? retry = null)
    {
        var inputJson = JsonSerializer.SerializeToElement(input, PipelineJson.Options);
        var policy = retry ?? PipelineRetryPolicy.None;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var result = activity(name, inputJson, attempt);
                var resultJson = JsonSerializer.Serialize(result, PipelineJson.Options);
                Record("activity", name, InstanceId, inputJson.GetRawText(), resultJson, attempt);
                _now = _now.AddSeconds(1);
                return Task.FromResult(JsonSerializer.Deserialize<TResult>(resultJson, PipelineJson.Options)!);
            }
            catch (InvalidOperationException) when (attempt < policy.MaxAttempts)
            {
                // Transient failure: Durable would wait policy.DelayBeforeAttempt(attempt + 1) and call again.
            }
            catch (InvalidOperationException ex)
            {
                Record("activity", name, InstanceId, inputJson.GetRawText(), null, attempt, ex.Message);
                return Task.FromException<TResult>(new TaskFailedException(name, ex));
            }
        }
    }

    public async Task<TResult> CallSubOrchestrationAsync<TResult>(string name, string instanceId, object? input, PipelineRetryPolicy? retry = null)
    {
        Assert.Equal(FanOutOrchestration.Name, name);
        var inputJson = JsonSerializer.SerializeToElement(input, PipelineJson.Options);
        var child = new RecordingOrchestrationContext(instanceId, _now, activity);
        var result = await FanOutOrchestration.RunAsync(child, inputJson.Deserialize<FanOutRequest>(PipelineJson.Options)!);
        var resultJson = JsonSerializer.Serialize(result, PipelineJson.Options);
        Record("suborchestration", name, instanceId, inputJson.GetRawText(), resultJson, 1);
        AllCalls.AddRange(child.AllCalls);
        return JsonSerializer.Deserialize<TResult>(resultJson, PipelineJson.Options)!;
    }

    public void Log(string message) => Logs.Add(message);

    private void Record(string kind, string name, string instance, string input, string? result, int attempts, string? failure = null)
    {
        var e = new HistoryEvent(_history.Count, kind, name, instance, input, result, attempts, failure);
        _history.Add(e);
        AllCalls.Add(e);
    }
}
