using System.Buffers;
using System.Globalization;
using System.Text.Json;
using MarketIntel.Core.Storage;

namespace MarketIntel.Storage.Documents;

/// <summary>Validates envelopes and converts them to and from <see cref="RecordDocument"/> for every adapter.</summary>
public static class RecordCodec
{
    /// <summary>Buffers above this are not kept per thread after use.</summary>
    private const int MaxRetainedBufferBytes = 256 * 1024;

    // Per thread, so the steady state of many small records reuses one buffer and one writer.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? EncodeBuffer;

    [ThreadStatic]
    private static Utf8JsonWriter? EncodeWriter;

    /// <summary>
    /// The document to store, with its <see cref="RecordDocument.Payload"/>, and its serialized bytes (the Cosmos DB
    /// adapter sends the document); throws <see cref="InvalidRecordException"/> for a bad record.
    /// </summary>
    public static (RecordDocument Document, byte[] Json) ToDocument<T>(RecordEnvelope<T> record, DateTimeOffset now)
    {
        var (document, json) = Encode(record, now);
        using var parsed = JsonDocument.Parse(json);
        document.Payload = parsed.RootElement.GetProperty("payload").Clone();
        return (document, json);
    }

    /// <summary>
    /// The stored bytes of the record and the document's other fields (its <see cref="RecordDocument.Payload"/> left
    /// undefined: the bytes hold it). The payload is serialized once, straight into the document's JSON, which is what the
    /// adapters that store bytes (embedded, Tables) need; the bytes equal serializing the whole document with
    /// <see cref="StorageJson.Options"/>. Throws <see cref="InvalidRecordException"/> for a bad record.
    /// </summary>
    public static (RecordDocument Document, byte[] Json) Encode<T>(RecordEnvelope<T> record, DateTimeOffset now)
    {
        try
        {
            var json = EncodeToThreadBuffer(record, now, out var document).ToArray();
            return (document, json);
        }
        finally
        {
            // Also after a refused record: one over the size limit leaves its large buffer behind.
            ReleaseLargeThreadBuffer();
        }
    }

    /// <summary>
    /// As <see cref="Encode{T}"/>, the bytes left in this thread's buffer: valid until the thread's next encode, so they
    /// are copied (or written) before anything else encodes or awaits; then <see cref="ReleaseLargeThreadBuffer"/>.
    /// </summary>
    internal static ReadOnlySpan<byte> EncodeToThreadBuffer<T>(RecordEnvelope<T> record, DateTimeOffset now, out RecordDocument document)
    {
        ArgumentNullException.ThrowIfNull(record);
        var ttl = Validate(record);
        document = new RecordDocument
        {
            Id = record.Id,
            Pk = record.PartitionKey,
            Kind = record.Kind.Name,
            CreatedAt = record.CreatedAt.ToUniversalTime(),
            UpdatedAt = now.ToUniversalTime(),
            Inputs = record.Inputs,
            CodeVersion = record.CodeVersion,
            Status = record.Status,
            Ttl = ttl is { } t ? (int)Math.Ceiling(t.TotalSeconds) : null,
        };

        var buffer = EncodeBuffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        var writer = EncodeWriter ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = StorageJson.Options.Encoder, Indented = false });
        writer.Reset(buffer);
        // The property order and names of RecordDocument as the serializer writes them (camelCase, nulls omitted).
        writer.WriteStartObject();
        writer.WriteString("id", document.Id);
        writer.WriteString("pk", document.Pk);
        writer.WriteString("kind", document.Kind);
        writer.WriteString("createdAt", document.CreatedAt);
        writer.WriteString("updatedAt", document.UpdatedAt);
        writer.WritePropertyName("inputs");
        document.Inputs.WriteTo(writer);
        writer.WriteString("codeVersion", document.CodeVersion);
        writer.WriteString("status", document.Status);
        writer.WritePropertyName("payload");
        JsonSerializer.Serialize(writer, record.Payload, StorageJson.Options);
        if (document.Ttl is { } seconds)
        {
            writer.WriteNumber("ttl", seconds);
        }

        writer.WriteEndObject();
        writer.Flush();
        if (buffer.WrittenCount > StorageLimits.MaxRecordBytes)
        {
            throw new InvalidRecordException(string.Create(CultureInfo.InvariantCulture,
                $"The {record.Kind.Name} record '{record.Id}' is {buffer.WrittenCount:N0} bytes serialized; the limit is {StorageLimits.MaxRecordBytes:N0}. Store large results in the artifact store and keep a reference in the record."));
        }

        return buffer.WrittenSpan;
    }

    /// <summary>A rare large record (a journal entry) does not keep its buffer alive on the thread.</summary>
    internal static void ReleaseLargeThreadBuffer()
    {
        if (EncodeBuffer is { Capacity: > MaxRetainedBufferBytes })
        {
            EncodeBuffer = null;
            EncodeWriter = null;
        }
    }

    /// <summary>
    /// The envelope as stored from the caller's own record and the document's stored fields: the payload written is the
    /// caller's, so it need not be read back from the document.
    /// </summary>
    public static RecordEnvelope<T> Stored<T>(RecordEnvelope<T> record, RecordDocument document, string etag)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(document);
        return record with { CreatedAt = document.CreatedAt, ETag = etag, UpdatedAt = document.UpdatedAt, TimeToLive = document.Ttl is { } seconds ? TimeSpan.FromSeconds(seconds) : null };
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

    /// <summary>Checks the envelope's fields; returns its time to live (the record's, else its kind's).</summary>
    private static TimeSpan? Validate<T>(RecordEnvelope<T> record)
    {
        string What() => $"{record.Kind?.Name ?? "record"} '{record.Id}'";
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
            throw new InvalidRecordException($"The {What()} needs a PartitionKey.");
        }

        if (string.IsNullOrWhiteSpace(record.CodeVersion))
        {
            throw new InvalidRecordException($"The {What()} needs a CodeVersion (which code produced it).");
        }

        if (record.Inputs.ValueKind == JsonValueKind.Undefined)
        {
            throw new InvalidRecordException($"The {What()} needs Inputs (what it was computed from; an empty object if nothing).");
        }

        if (string.IsNullOrWhiteSpace(record.Status))
        {
            throw new InvalidRecordException($"The {What()} needs a Status.");
        }

        var ttl = record.TimeToLive ?? record.Kind.TimeToLive;
        if (ttl is { } span && (span <= TimeSpan.Zero || span.TotalSeconds > int.MaxValue))
        {
            throw new InvalidRecordException($"The {What()} has a TimeToLive of {span}: it must be positive and at most {int.MaxValue} seconds.");
        }

        return ttl;
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
