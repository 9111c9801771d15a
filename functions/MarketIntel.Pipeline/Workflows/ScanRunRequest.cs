using System.Text.Json;

namespace MarketIntel.Pipeline.Workflows;

/// <summary>A scan over a universe: the scan definition (JSON, passed through) and the batch size of the fan-out.</summary>
public sealed record ScanRunRequest(string RunId, JsonElement Definition, IReadOnlyList<string> Universe, int BatchSize);
