using System.Text.Json;
using MarketIntel.Functions.Durable;
using MarketIntel.Pipeline.Orchestration;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace MarketIntel.Functions.Tests.Durable;

/// <summary>
/// A Durable orchestration context for tests: activities answer from a script, inputs and results are serialized as
/// Durable's default converter would, every call is recorded with its options, and sub-orchestrations run the app's
/// own orchestrator function (<see cref="OrchestratorFunctions.FanOut"/>) on a child context.
/// </summary>
public sealed class RecordingTaskOrchestrationContext(string instanceId, DateTime start, JsonElement input, Func<string, JsonElement, object?> activity, bool replaying = false)
    : TaskOrchestrationContext
{
    private DateTime _now = start;

    public override string InstanceId => instanceId;

    public override DateTime CurrentUtcDateTime => _now;

    public override bool IsReplaying => replaying;

    protected override ILoggerFactory LoggerFactory => new CapturingLoggerFactory(Logs);

    public List<string> Logs { get; } = [];

    /// <summary>Calls of this orchestration and, depth-first, of its sub-orchestrations.</summary>
    public List<RecordedCall> Calls { get; } = [];

    public override T? GetInput<T>() where T : default => input.Deserialize<T>();

    public override Task<T> CallActivityAsync<T>(TaskName name, object? input = null, TaskOptions? options = null)
    {
        var json = JsonSerializer.SerializeToElement(input);
        Calls.Add(new RecordedCall("activity", name.Name, InstanceId, json, options));
        var result = PipelinePayload.From(activity(name.Name, json));
        _now = _now.AddSeconds(1);
        return Task.FromResult(JsonSerializer.SerializeToElement(result).Deserialize<T>()!);
    }

    public override async Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null)
    {
        var childId = Assert.IsType<SubOrchestrationOptions>(options).InstanceId!;
        Calls.Add(new RecordedCall("suborchestration", orchestratorName.Name, childId, JsonSerializer.SerializeToElement(input), options));
        Assert.Equal(FanOutOrchestration.Name, orchestratorName.Name);
        var child = new RecordingTaskOrchestrationContext(childId, _now, JsonSerializer.SerializeToElement(input), activity, replaying);
        var result = await OrchestratorFunctions.FanOut(child);
        Calls.AddRange(child.Calls);
        return JsonSerializer.SerializeToElement(result).Deserialize<TResult>()!;
    }

    private sealed class CapturingLoggerFactory(List<string> messages) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => new Capturing(messages);

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }

        private sealed class Capturing(List<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Add(formatter(state, exception));
        }
    }
}

/// <summary>One scheduled call: activity or sub-orchestration, its name, the instance that made (or, for a sub-orchestration, got) it, input and options.</summary>
public sealed record RecordedCall(string Kind, string Name, string InstanceId, JsonElement Input, TaskOptions? Options);
