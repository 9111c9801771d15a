using System.Text.Json;
using MarketIntel.Pipeline.Engine;

namespace MarketIntel.Pipeline.Tests.Orchestration;

/// <summary>
/// Replays an orchestration against a recorded history the way Durable does: the n-th scheduled call must have the
/// recorded name and input, and gets the recorded result without running anything. Anything else is non-determinism.
/// </summary>
internal sealed class ReplayOrchestrationContext(string instanceId, DateTime start, IReadOnlyList<HistoryEvent> history) : IOrchestrationContext
{
    private int _next;
    private DateTime _now = start;

    public string InstanceId { get; } = instanceId;

    public DateTime CurrentUtcDateTime => _now;

    public bool IsReplaying => true;

    public int Replayed => _next;

    public Task<TResult> CallActivityAsync<TResult>(string name, object? input, PipelineRetryPolicy? retry = null) => Next<TResult>("activity", name, input);

    public Task<TResult> CallSubOrchestrationAsync<TResult>(string name, string instanceId, object? input, PipelineRetryPolicy? retry = null) => Next<TResult>("suborchestration", name, input);

    /// <summary>Replay-safe logging: a replaying adapter drops the message.</summary>
    public void Log(string message)
    {
    }

    private Task<TResult> Next<TResult>(string kind, string name, object? input)
    {
        if (_next >= history.Count)
        {
            throw new NonDeterminismException($"call {_next} ({kind} '{name}') is not in the history of {history.Count} calls");
        }

        var recorded = history[_next++];
        var inputJson = JsonSerializer.Serialize(input, PipelineJson.Options);
        if (recorded.Kind != kind || recorded.Name != name || recorded.Input != inputJson)
        {
            throw new NonDeterminismException($"call {recorded.Sequence}: history has {recorded.Kind} '{recorded.Name}' {recorded.Input}, replay scheduled {kind} '{name}' {inputJson}");
        }

        if (kind == "activity")
        {
            _now = _now.AddSeconds(1);
        }

        return recorded.Result is null
            ? Task.FromException<TResult>(new TaskFailedException(name, new InvalidOperationException(recorded.Failure ?? "recorded failure")))
            : Task.FromResult(JsonSerializer.Deserialize<TResult>(recorded.Result, PipelineJson.Options)!);
    }
}
