using System.Globalization;
using MarketIntel.Core.Storage;

namespace MarketIntel.Storage.Documents;

/// <summary>
/// The metadata stored with an archived payload (blob metadata; a <c>.meta.json</c> file beside it on disk).
/// Values are ASCII so that blob metadata accepts them: the request key is percent-escaped.
/// </summary>
public static class RawArchiveMetadata
{
    public const string Provider = "provider";
    public const string Dataset = "dataset";
    public const string ReceivedAt = "receivedat";
    public const string Sha256 = "sha256";
    public const string RequestKey = "requestkey";
    public const string CodeVersion = "codeversion";

    public static Dictionary<string, string> From(RawPayload payload, string sha256) => new(StringComparer.Ordinal)
    {
        [Provider] = payload.Provider,
        [Dataset] = payload.Dataset,
        [ReceivedAt] = payload.ReceivedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        [Sha256] = sha256,
        [RequestKey] = Uri.EscapeDataString(payload.RequestKey ?? string.Empty),
        [CodeVersion] = Uri.EscapeDataString(payload.CodeVersion),
    };

    public static RawArchiveEntry ToEntry(string key, IDictionary<string, string> metadata, long length, string contentType, bool alreadyExisted) => new(
        key,
        metadata.TryGetValue(Provider, out var provider) ? provider : string.Empty,
        metadata.TryGetValue(Dataset, out var dataset) ? dataset : string.Empty,
        metadata.TryGetValue(ReceivedAt, out var received) ? DateTimeOffset.Parse(received, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind) : default,
        length,
        metadata.TryGetValue(Sha256, out var sha) ? sha : string.Empty,
        contentType,
        metadata.TryGetValue(RequestKey, out var request) ? Uri.UnescapeDataString(request) : string.Empty,
        metadata.TryGetValue(CodeVersion, out var version) ? Uri.UnescapeDataString(version) : string.Empty,
        alreadyExisted);
}
