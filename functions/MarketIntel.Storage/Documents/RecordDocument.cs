using System.Text.Json;
using System.Text.Json.Serialization;

namespace MarketIntel.Storage.Documents;

/// <summary>The stored shape of a <see cref="Core.Storage.RecordEnvelope{T}"/>, identical in Cosmos DB and the embedded store.</summary>
public sealed class RecordDocument
{
    public string Id { get; set; } = string.Empty;

    /// <summary>The partition key value; every container's partition key path is <c>/pk</c>.</summary>
    public string Pk { get; set; } = string.Empty;

    public string Kind { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public JsonElement Inputs { get; set; }

    public string CodeVersion { get; set; } = string.Empty;

    public string Status { get; set; } = string.Empty;

    public JsonElement Payload { get; set; }

    /// <summary>Seconds to live (Cosmos DB's per-item <c>ttl</c>); absent keeps the record.</summary>
    public int? Ttl { get; set; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; set; }
}
