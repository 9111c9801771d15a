using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Net.Http.Headers;

namespace MarketIntel.Api;

/// <summary>
/// A response body serialized once to UTF-8 JSON, with its strong ETag: a hash of exactly these bytes, so equal bodies
/// have equal tags in every process and across restarts, and any change of content changes the tag.
/// </summary>
public sealed class SerializedJson
{
    private SerializedJson(byte[] utf8)
    {
        Utf8 = utf8;
        ETag = new EntityTagHeaderValue("\"" + Convert.ToHexStringLower(SHA256.HashData(utf8).AsSpan(0, 16)) + "\"");
    }

    public ReadOnlyMemory<byte> Utf8 { get; }

    public EntityTagHeaderValue ETag { get; }

    public static SerializedJson Create<T>(T value, JsonSerializerOptions options) => new(JsonSerializer.SerializeToUtf8Bytes(value, options));
}
