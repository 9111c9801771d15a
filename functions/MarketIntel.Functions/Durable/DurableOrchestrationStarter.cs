using MarketIntel.Pipeline.Ports;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace MarketIntel.Functions.Durable;

/// <summary>
/// Starts orchestrations through Durable's client (the <c>[DurableClient]</c> binding) under the caller's instance id,
/// unless an instance with that id exists and has not failed: a retried request or a timer that fires twice for one
/// occurrence then names the same instance and starts nothing.
/// </summary>
public sealed class DurableOrchestrationStarter(DurableTaskClient client, FunctionsPipelineMetrics? metrics = null) : IOrchestrationStarter
{
    public async Task StartAsync(string orchestration, string instanceId, object input, CancellationToken cancellationToken = default)
    {
        if (await ExistsAsync(instanceId, cancellationToken))
        {
            return;
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(orchestration, PipelinePayload.From(input), new StartOrchestrationOptions(instanceId), cancellationToken);
            metrics?.Started();
        }
        catch (InvalidOperationException)
        {
            // A concurrent starter (the other firing of a doubled timer) may have created it between our check and our start.
            if (!await ExistsAsync(instanceId, cancellationToken))
            {
                throw;
            }
        }
    }

    private async Task<bool> ExistsAsync(string instanceId, CancellationToken cancellationToken)
    {
        var existing = await client.GetInstanceAsync(instanceId, false, cancellationToken);
        return existing is not null && existing.RuntimeStatus is not (OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated);
    }
}
