using System.Text.Json;
using MarketIntel.Pipeline.Engine;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace MarketIntel.Functions.Durable;

/// <summary>
/// The pipeline's orchestration port over Durable's <see cref="TaskOrchestrationContext"/>: the same orchestration code
/// runs here and in the local runner. Retries map <see cref="PipelineRetryPolicy"/> to Durable's <see cref="RetryPolicy"/>;
/// sub-orchestrations get the caller's deterministic instance ids; logging is replay-safe.
/// </summary>
public sealed class DurableOrchestrationContext(TaskOrchestrationContext inner) : IOrchestrationContext
{
    private readonly ILogger _logger = inner.CreateReplaySafeLogger("MarketIntel.Pipeline");

    public string InstanceId => inner.InstanceId;

    public DateTime CurrentUtcDateTime => inner.CurrentUtcDateTime;

    public bool IsReplaying => inner.IsReplaying;

    public async Task<TResult> CallActivityAsync<TResult>(string name, object? input, PipelineRetryPolicy? retry = null)
    {
        var result = await inner.CallActivityAsync<JsonElement>(name, PipelinePayload.From(input), Options(retry));
        return PipelinePayload.Read<TResult>(result);
    }

    public async Task<TResult> CallSubOrchestrationAsync<TResult>(string name, string instanceId, object? input, PipelineRetryPolicy? retry = null)
    {
        var options = new SubOrchestrationOptions(Options(retry) ?? new TaskOptions(), instanceId);
        var result = await inner.CallSubOrchestratorAsync<JsonElement>(name, PipelinePayload.From(input), options);
        return PipelinePayload.Read<TResult>(result);
    }

    public void Log(string message) => _logger.LogInformation("{InstanceId}: {Message}", inner.InstanceId, message);

    /// <summary>Durable's options for the shared policy; null (no retries) without one.</summary>
    public static TaskOptions? Options(PipelineRetryPolicy? retry) => retry is null
        ? null
        : TaskOptions.FromRetryPolicy(new RetryPolicy(retry.MaxAttempts, retry.FirstRetryInterval, retry.BackoffCoefficient, retry.MaxRetryInterval));
}
