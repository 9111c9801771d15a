// Package: Microsoft.DurableTask.Client 1.x, as resolved by Microsoft.Azure.Functions.Worker.Extensions.DurableTask 1.16.5.
// Source: microsoft/durabletask-dotnet, src/Client/Core/DurableTaskClient.cs, OrchestrationMetadata.cs,
// OrchestrationRuntimeStatus.cs. Only the members the app uses (GetInstanceAsync is virtual over GetInstancesAsync there too).
namespace Microsoft.DurableTask.Client;

public abstract class DurableTaskClient(string name)
{
    public string Name { get; } = name;

    public abstract Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default);

    public virtual Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation);

    public abstract Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default);
}

public sealed record OrchestrationMetadata(string Name, string InstanceId)
{
    public OrchestrationRuntimeStatus RuntimeStatus { get; init; }
}

public enum OrchestrationRuntimeStatus
{
    Running = 0,
    Completed = 1,
    ContinuedAsNew = 2,
    Failed = 3,
    Canceled = 4,
    Terminated = 5,
    Pending = 6,
    Suspended = 7,
}
