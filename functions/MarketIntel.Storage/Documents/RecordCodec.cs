using System.Globalization;
using System.Text.Json;
using MarketIntel.Core.Storage;

namespace MarketIntel.Storage.Documents;

/// <summary>Validates envelopes and converts them to and from <see cref="RecordDocument"/> for every adapter.</summary>
public static class RecordCodec
{
    /// <summary>The document to store and its serialized size; throws <see cref="InvalidRecordException"/> for a bad record.</summary>
    public static (RecordDocument Document, byte[] Json) ToDocument<T>(RecordEnvelope<T> record, DateTimeOffset now)
    {
        var what = $"{record.Kind?.Name ?? "record"} '{record.Id}'";
        if (record.Kind is null || string.IsNullOrWhiteSpace(record.Kind.Name) || string.IsNullOrWhiteSpace(record.Kind.Container))
        {
            throw new InvalidRecordException($"Record '{record.Id}' needs a Kind with a name and a container.");
        }

        if (StorageKey.ValidateId(record.Id) is { } idProblem)
        {
            throw new InvalidRecordException($"The {record.Kind.Name} record id '{record.Id}' is invalid: {idProblem}.");
        }

        if (string.IsNullOrEmpty(record.PartitionKey))
        {
            throw new InvalidRecordException($"The {what} needs a PartitionKey.");
        }

        if (string.IsNullOrWhiteSpace(record.CodeVersion))
        {
            throw new InvalidRecordException($"The {what} needs a CodeVersion (which code produced it).");
        }

        if (record.Inputs.ValueKind == JsonValueKind.Undefined)
        {
            throw new InvalidRecordException($"The {what} needs Inputs (what it was computed from; an empty object if nothing).");
        }

        if (string.IsNullOrWhiteSpace(record.Status))
        {
            throw new InvalidRecordException($"The {what} needs a Status.");
        }

        var ttl = record.TimeToLive ?? record.Kind.TimeToLive;
        if (ttl is { } span && (span <= TimeSpan.Zero || span.TotalSeconds > int.MaxValue))
        {
            throw new InvalidRecordException($"The {what} has a TimeToLive of {span}: it must be positive and at most {int.MaxValue} seconds.");
        }

        var document = new RecordDocument
        {
            Id = record.Id,
            Pk = record.PartitionKey,
            Kind = record.Kind.Name,
            CreatedAt = record.CreatedAt.ToUniversalTime(),
            UpdatedAt = now.ToUniversalTime(),
            Inputs = record.Inputs,
            CodeVersion = record.CodeVersion,
            Status = record.Status,
            Payload = JsonSerializer.SerializeToElement(record.Payload, StorageJson.Options),
            Ttl = ttl is { } t ? (int)Math.Ceiling(t.TotalSeconds) : null,
        };
        var json = JsonSerializer.SerializeToUtf8Bytes(document, StorageJson.Options);
        if (json.Length > StorageLimits.MaxRecordBytes)
        {
            throw new InvalidRecordException(string.Create(CultureInfo.InvariantCulture,
                $"The {what} is {json.Length:N0} bytes serialized; the limit is {StorageLimits.MaxRecordBytes:N0}. Store large results in the artifact store and keep a reference in the record."));
        }

        return (document, json);
    }

    public static RecordEnvelope<T> FromDocument<T>(RecordDocument document, RecordKind kind)
    {
        var payload = document.Payload.Deserialize<T>(StorageJson.Options)!;
        return new RecordEnvelope<T>(document.Id, document.Pk, kind, document.CreatedAt, document.Inputs, document.CodeVersion, document.Status, payload)
        {
            ETag = document.ETag,
            UpdatedAt = document.UpdatedAt,
            TimeToLive = document.Ttl is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
        };
    }

    public static void ValidateQuery(RecordKind kind, string partitionKey, RecordQuery query)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentException.ThrowIfNullOrEmpty(partitionKey);
        if (query.PageSize is < 1 or > RecordQuery.MaxPageSize)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.PageSize, $"PageSize must be 1 to {RecordQuery.MaxPageSize}.");
        }
    }
}
