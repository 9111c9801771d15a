using System.Text.Json;
using System.Text.Json.Serialization;

namespace MarketIntel.Storage.Documents;

/// <summary>The one JSON convention of stored documents in every adapter: camelCase, no indentation, nulls omitted,
/// decimals as strings (exact through Cosmos DB's double-based numbers).</summary>
public static class StorageJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,
        Converters = { new DecimalAsStringConverter() },
    };
}
