using System.Text.Json;

namespace MarketIntel.Pipeline.Engine.Local;

/// <summary>
/// Runs an orchestration in process: activities execute at once (bounded by a shared gate), with the shared retry
/// policy, and their inputs and results cross the same JSON boundary as in Durable Functions, so a type that would not
/// survive Durable's serialization fails here too.
/// </summary>
internal sealed class LocalOrchestrationContext(
    string instanceId, LocalPipelineRegistry registry, SemaphoreSlim gate, TimeProvider time, Action<string> log, CancellationToken cancellationToken) : IOrchestrationContext
{
    public string InstanceId { get; } = instanceId;

    public DateTime CurrentUtcDateTime => time.GetUtcNow().UtcDateTime;

    public bool IsReplaying => false;

    public async Task<TResult> CallActivityAsync<TResult>(string name, object? input, PipelineRetryPolicy? retry = null)
    {
        var handler = registry.Activity(name);
        var json = JsonSerializer.SerializeToElement(input, PipelineJson.Options);
        var policy = retry ?? PipelineRetryPolicy.None;
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await gate.WaitAsync(cancellationToken);
            try
            {
                var result = await handler(json, cancellationToken);
                return JsonSerializer.SerializeToElement(result, PipelineJson.Options).Deserialize<TResult>(PipelineJson.Options)!;
            }
            catch (Exception ex) when (attempt < policy.MaxAttempts && ex is not OperationCanceledException && ex is not ArgumentException)
            {
                log($"{InstanceId}: activity {name} attempt {attempt} failed ({ex.Message}); retrying");
            }
            finally
            {
                gate.Release();
            }

            await Task.Delay(policy.DelayBeforeAttempt(attempt + 1), time, cancellationToken);
        }
    }

    public async Task<TResult> CallSubOrchestrationAsync<TResult>(string name, string instanceId, object? input, PipelineRetryPolicy? retry = null)
    {
        var child = new LocalOrchestrationContext(instanceId, registry, gate, time, log, cancellationToken);
        var result = await registry.Orchestration(name)(child, JsonSerializer.SerializeToElement(input, PipelineJson.Options));
        return JsonSerializer.SerializeToElement(result, PipelineJson.Options).Deserialize<TResult>(PipelineJson.Options)!;
    }

    public void Log(string message) => log($"{InstanceId}: {message}");
}
