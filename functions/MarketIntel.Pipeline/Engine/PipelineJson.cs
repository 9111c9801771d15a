using System.Text.Json;

namespace MarketIntel.Pipeline.Engine;

/// <summary>The JSON shape of everything that crosses an orchestration boundary: camelCase, as the HTTP API.</summary>
public static class PipelineJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = false };
}
