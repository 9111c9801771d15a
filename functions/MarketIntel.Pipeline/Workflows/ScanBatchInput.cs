using System.Text.Json;

namespace MarketIntel.Pipeline.Workflows;

/// <summary>One batch of symbols of a scan run.</summary>
public sealed record ScanBatchInput(string RunId, int BatchIndex, IReadOnlyList<string> Symbols, JsonElement Definition);
