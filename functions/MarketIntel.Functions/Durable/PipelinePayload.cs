using System.Text.Json;
using MarketIntel.Pipeline.Engine;

namespace MarketIntel.Functions.Durable;

/// <summary>
/// Everything crossing Durable's boundary is a <see cref="JsonElement"/> in the pipeline's own JSON shape
/// (<see cref="PipelineJson"/>), so Durable's serializer settings never change a payload and the Functions app moves
/// exactly the JSON the local runner moves.
/// </summary>
public static class PipelinePayload
{
    public static JsonElement From(object? value) => JsonSerializer.SerializeToElement(value, PipelineJson.Options);

    public static T Read<T>(JsonElement json) => json.Deserialize<T>(PipelineJson.Options)
        ?? throw new ArgumentException($"expected a {typeof(T).Name} payload, got {json.ValueKind}", nameof(json));
}
