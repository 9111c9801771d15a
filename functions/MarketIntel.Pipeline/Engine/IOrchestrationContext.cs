namespace MarketIntel.Pipeline.Engine;

/// <summary>
/// Everything an orchestration may touch. Orchestrations are replayed from history by Durable Functions, so they have
/// no clock, randomness, I/O or services of their own: time, ids, activity calls and logging all come through here.
/// The Functions app adapts Durable's <c>TaskOrchestrationContext</c> to this port; the local host runs it in process;
/// tests record and replay it.
/// </summary>
public interface IOrchestrationContext
{
    string InstanceId { get; }

    /// <summary>The orchestration's deterministic notion of now (replays see the same value).</summary>
    DateTime CurrentUtcDateTime { get; }

    bool IsReplaying { get; }

    Task<TResult> CallActivityAsync<TResult>(string name, object? input, PipelineRetryPolicy? retry = null);

    Task<TResult> CallSubOrchestrationAsync<TResult>(string name, string instanceId, object? input, PipelineRetryPolicy? retry = null);

    /// <summary>Logs once, not on every replay.</summary>
    void Log(string message);
}
