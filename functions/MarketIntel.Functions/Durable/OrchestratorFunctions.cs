using System.Text.Json;
using MarketIntel.Pipeline.Engine;
using MarketIntel.Pipeline.Workflows;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace MarketIntel.Functions.Durable;

/// <summary>Durable orchestrator functions: each runs the pipeline's orchestration through <see cref="DurableOrchestrationContext"/>.</summary>
public static class OrchestratorFunctions
{
    [Function(MonteCarloOrchestration.Name)]
    public static async Task<JsonElement> MonteCarlo([OrchestrationTrigger] TaskOrchestrationContext context) =>
        PipelinePayload.From(await MonteCarloOrchestration.RunAsync(Port(context), Input<MonteCarloRunRequest>(context)));

    [Function(IngestOrchestration.Name)]
    public static async Task<JsonElement> Ingest([OrchestrationTrigger] TaskOrchestrationContext context) =>
        PipelinePayload.From(await IngestOrchestration.RunAsync(Port(context), Input<IngestRunRequest>(context)));

    [Function(ScanOrchestration.Name)]
    public static async Task<JsonElement> Scan([OrchestrationTrigger] TaskOrchestrationContext context) =>
        PipelinePayload.From(await ScanOrchestration.RunAsync(Port(context), Input<ScanRunRequest>(context)));

    [Function(FanOutOrchestration.Name)]
    public static async Task<JsonElement> FanOut([OrchestrationTrigger] TaskOrchestrationContext context) =>
        PipelinePayload.From(await FanOutOrchestration.RunAsync(Port(context), Input<FanOutRequest>(context)));

    [Function(MaintenanceOrchestrations.Outcomes)]
    public static async Task<JsonElement> Outcomes([OrchestrationTrigger] TaskOrchestrationContext context) =>
        PipelinePayload.From(await MaintenanceOrchestrations.RefreshOutcomesAsync(Port(context), Input<string>(context)));

    [Function(MaintenanceOrchestrations.Retention)]
    public static async Task<JsonElement> Retention([OrchestrationTrigger] TaskOrchestrationContext context) =>
        PipelinePayload.From(await MaintenanceOrchestrations.ApplyRetentionAsync(Port(context), Input<RetentionRequest>(context)));

    private static DurableOrchestrationContext Port(TaskOrchestrationContext context) => new(context);

    private static T Input<T>(TaskOrchestrationContext context) => PipelinePayload.Read<T>(context.GetInput<JsonElement>());
}
