using System.Text.Json;

namespace MarketIntel.Pipeline.Engine;

/// <summary>Input of <see cref="FanOutOrchestration"/>: one activity applied to many serialized inputs.</summary>
public sealed record FanOutRequest(string Activity, IReadOnlyList<JsonElement> Inputs);
