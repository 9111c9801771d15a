// Package: Microsoft.Azure.Functions.Worker.Extensions.EventHubs 6.5.0.
// Source: Azure/azure-functions-dotnet-worker, extensions/Worker.Extensions.EventHubs/src/EventHubTriggerAttribute.cs.
#pragma warning disable CA1019
namespace Microsoft.Azure.Functions.Worker;

[AttributeUsage(AttributeTargets.Parameter)]
public sealed class EventHubTriggerAttribute(string eventHubName) : Attribute
{
    public string EventHubName { get; } = eventHubName;

    public string? ConsumerGroup { get; set; }

    public string? Connection { get; set; }

    public bool IsBatched { get; set; } = true;
}
