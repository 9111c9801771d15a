using System.Text.Json;

namespace MarketIntel.Pipeline.Application;

/// <summary>The body of <c>POST /api/scans</c>: a built-in strategy (with parameters and timeframe) or a scan definition, and an optional universe.</summary>
public sealed record ScanRequest(string? Strategy, Dictionary<string, double>? Parameters, string? Timeframe, JsonElement? Definition, IReadOnlyList<string>? Universe);
