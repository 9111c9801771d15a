using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace MarketIntel.Functions.Tests.Durable;

/// <summary>A Durable client that records scheduled instances; a scheduled instance is Running until the test says otherwise.</summary>
public sealed class FakeDurableTaskClient() : DurableTaskClient("test")
{
    public Dictionary<string, OrchestrationMetadata> Instances { get; } = new(StringComparer.Ordinal);

    public List<(string Orchestration, string InstanceId, object? Input)> Scheduled { get; } = [];

    public override Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        var id = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        Scheduled.Add((orchestratorName.Name, id, input));
        Instances[id] = new OrchestrationMetadata(orchestratorName.Name, id) { RuntimeStatus = OrchestrationRuntimeStatus.Running };
        return Task.FromResult(id);
    }

    public override Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        Task.FromResult(Instances.TryGetValue(instanceId, out var m) ? m : null);
}
