using System.Globalization;
using System.Security.Cryptography;

namespace MarketIntel.Core.Storage;

/// <summary>Validation and key layout shared by the raw archive adapters.</summary>
public static class RawArchiveRules
{
    /// <summary>Throws <see cref="InvalidRecordException"/> for a payload the archive cannot key.</summary>
    public static void Validate(RawPayload payload)
    {
        Segment(payload.Provider, "Provider");
        Segment(payload.Dataset, "Dataset");
        if (string.IsNullOrWhiteSpace(payload.CodeVersion))
        {
            throw new InvalidRecordException($"Raw payload from '{payload.Provider}' needs a CodeVersion.");
        }

        if (string.IsNullOrWhiteSpace(payload.ContentType))
        {
            throw new InvalidRecordException($"Raw payload from '{payload.Provider}' needs a ContentType.");
        }
    }

    public static string Sha256Hex(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary><c>provider/yyyy/MM/dd/dataset/sha256.ext</c>: date-partitioned, content-addressed.</summary>
    public static string Key(RawPayload payload, string sha256) =>
        DayPrefix(payload.Provider, DateOnly.FromDateTime(payload.ReceivedAt.UtcDateTime)) + payload.Dataset + "/" + sha256 + Extension(payload.ContentType);

    /// <summary>The key prefix of one provider's day, ending in a slash.</summary>
    public static string DayPrefix(string provider, DateOnly day) =>
        provider + "/" + day.ToString("yyyy'/'MM'/'dd", CultureInfo.InvariantCulture) + "/";

    private static string Extension(string contentType)
    {
        var media = contentType.Split(';')[0].Trim().ToUpperInvariant();
        return media switch
        {
            "APPLICATION/JSON" => ".json",
            "TEXT/CSV" => ".csv",
            "APPLICATION/X-NDJSON" => ".ndjson",
            "TEXT/PLAIN" => ".txt",
            _ => ".bin",
        };
    }

    private static void Segment(string value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidRecordException($"Raw payload needs a {name}.");
        }

        foreach (var c in value)
        {
            // Provider and dataset become path segments in blob names and on disk.
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') || value is "." or "..")
            {
                throw new InvalidRecordException($"Raw payload {name} '{value}' may only hold letters, digits, '-', '_' and '.'.");
            }
        }
    }
}
