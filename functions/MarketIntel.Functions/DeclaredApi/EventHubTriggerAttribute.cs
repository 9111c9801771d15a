// A declaration of Microsoft.Azure.Functions.Worker.Extensions.EventHubs 6.5.0's trigger attribute, the one package API
// this repository declares instead of referencing: that package is not served by the registry our build machines reach.
// Compiled only when EventHubsExtension=Declared (see the csproj); where the package resolves the real type is used and
// this file is not compiled. It carries what the Worker SDK's metadata generator reads (a trigger binding, its
// properties, batch cardinality, function-level retry), so functions.metadata is the same either way; it carries no
// ExtensionInformation, so a Declared build does not install the host-side Event Hubs extension (README).
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace Microsoft.Azure.Functions.Worker;

[BindingCapabilities(KnownBindingCapabilities.FunctionLevelRetry)]
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class EventHubTriggerAttribute(string eventHubName) : TriggerBindingAttribute, ISupportCardinality
{
    public string EventHubName { get; } = eventHubName;

    public string? ConsumerGroup { get; set; }

    public string? Connection { get; set; }

    [DefaultValue(true)]
    public bool IsBatched { get; set; } = true;

    Cardinality ISupportCardinality.Cardinality
    {
        get => IsBatched ? Cardinality.Many : Cardinality.One;
        set => IsBatched = value == Cardinality.Many;
    }
}
