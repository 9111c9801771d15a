// Package: Microsoft.Azure.Functions.Worker.Extensions.DurableTask 1.16.5 (binding attributes).
// Source: Azure/azure-functions-durable-extension, src/Worker.Extensions.DurableTask (DurableClientAttribute,
// OrchestrationTriggerAttribute, ActivityTriggerAttribute in namespace Microsoft.Azure.Functions.Worker).
namespace Microsoft.Azure.Functions.Worker;

[AttributeUsage(AttributeTargets.Parameter)]
public sealed class DurableClientAttribute : Attribute
{
    public string? TaskHub { get; set; }

    public string? ConnectionName { get; set; }
}

[AttributeUsage(AttributeTargets.Parameter)]
public sealed class OrchestrationTriggerAttribute : Attribute
{
    public string? Orchestration { get; set; }
}

[AttributeUsage(AttributeTargets.Parameter)]
public sealed class ActivityTriggerAttribute : Attribute
{
    public string? Activity { get; set; }
}
