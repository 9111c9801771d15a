using System.Text.Json;
using MarketIntel.Pipeline.Workflows;

namespace MarketIntel.Pipeline.Engine.Local;

/// <summary>The orchestrations and activities the local runner knows: <see cref="PipelineCatalog"/>'s rows.</summary>
public sealed class LocalPipelineRegistry : IPipelineRegistry
{
    private readonly Dictionary<string, Func<IOrchestrationContext, JsonElement, Task<object?>>> _orchestrations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<JsonElement, CancellationToken, Task<object?>>> _activities = new(StringComparer.Ordinal);

    public LocalPipelineRegistry()
    {
        // FanOut.RunAsync's sub-orchestration: part of the fan-out helper, so every registry knows it.
        AddOrchestration<FanOutRequest, List<JsonElement>>(FanOutOrchestration.Name, FanOutOrchestration.RunAsync);
    }

    public LocalPipelineRegistry AddOrchestration<TIn, TOut>(string name, Func<IOrchestrationContext, TIn, Task<TOut>> run)
    {
        _orchestrations[name] = async (context, input) => await run(context, input.Deserialize<TIn>(PipelineJson.Options)!);
        return this;
    }

    public LocalPipelineRegistry AddActivity<TIn, TOut>(string name, Func<TIn, CancellationToken, Task<TOut>> run)
    {
        _activities[name] = async (input, ct) => await run(input.Deserialize<TIn>(PipelineJson.Options)!, ct);
        return this;
    }

    void IPipelineRegistry.AddOrchestration<TIn, TOut>(string name, Func<IOrchestrationContext, TIn, Task<TOut>> run) => AddOrchestration(name, run);

    void IPipelineRegistry.AddActivity<TIn, TOut>(string name, Func<TIn, CancellationToken, Task<TOut>> run) => AddActivity(name, run);

    public Func<IOrchestrationContext, JsonElement, Task<object?>> Orchestration(string name) =>
        _orchestrations.TryGetValue(name, out var o) ? o : throw new ArgumentException($"unknown orchestration '{name}'", nameof(name));

    public Func<JsonElement, CancellationToken, Task<object?>> Activity(string name) =>
        _activities.TryGetValue(name, out var a) ? a : throw new ArgumentException($"unknown activity '{name}'", nameof(name));
}
