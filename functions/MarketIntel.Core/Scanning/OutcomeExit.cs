using System.Text.Json.Serialization;

namespace MarketIntel.Core.Scanning;

/// <summary>How a setup's outcome ended: its stop, its target, the horizon's last close, or not yet (the data ends first).</summary>
// Written by name wherever it is serialized (scan runs always have been), so stored runs and the API agree.
[JsonConverter(typeof(JsonStringEnumConverter<OutcomeExit>))]
public enum OutcomeExit
{
    Stop,
    Target,
    Horizon,
    Open,
}
