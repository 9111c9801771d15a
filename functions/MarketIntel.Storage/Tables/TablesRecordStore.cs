using System.Net;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using MarketIntel.Core.Storage;
using MarketIntel.Storage.Documents;

namespace MarketIntel.Storage.Tables;

/// <summary>
/// Result envelopes in Azure Tables: one table per <see cref="RecordKind.Container"/>, PartitionKey and RowKey the
/// record's partition key and id (<see cref="TableKeys"/> escapes what Tables forbids). The entity holds the same JSON
/// document Cosmos DB stores, as binary chunks of 64 KiB; a document larger than an entity holds (1 MiB) is written to
/// the artifact store and the entity keeps its name. Writes are conditional on the service's ETags; Tables has no TTL,
/// so every entity carries <c>ExpiresAt</c>, reads skip expired records and <see cref="DeleteExpiredAsync"/> removes them.
/// </summary>
public sealed class TablesRecordStore(TablesStorage storage, TimeProvider timeProvider) : IRecordStore, IRecordExpiry
{
    /// <summary>Largest binary property Tables accepts.</summary>
    public const int ChunkBytes = 64 * 1024;

    /// <summary>
    /// Largest document kept inside the entity: 14 chunks (917,504 bytes) stay under the 1 MiB entity limit with
    /// room for the keys (up to 2 KiB) and the other properties.
    /// </summary>
    public const int MaxInlineBytes = 14 * ChunkBytes;

    /// <summary>ExpiresAt of a record that never expires: Tables cannot filter on a missing property.</summary>
    public static readonly DateTimeOffset NoExpiry = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    private const string KindProperty = "Kind";
    private const string ExpiresAtProperty = "ExpiresAt";
    private const string BodyRefProperty = "BodyRef";
    private const string ChunkPrefix = "B";

    public async Task<RecordWriteResult<T>> CreateAsync<T>(RecordEnvelope<T> record, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        var (document, json) = Encode(record, now);
        var table = await storage.TableAsync(record.Kind.Container, cancellationToken).ConfigureAwait(false);
        var entity = await ToEntityAsync(table, record.Kind, document, json, cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var response = await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
                return new RecordWriteResult<T>(Stored<T>(document, record.Kind, response), WriteOutcome.Created);
            }
            catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.Conflict)
            {
                // 409: an entity with this key exists. A live one is the first write of a retried create; an expired
                // one counts as absent (as in Cosmos DB, where it is already gone) and is replaced on its ETag.
                var existing = await ReadEntityAsync(table, entity.PartitionKey, entity.RowKey, cancellationToken).ConfigureAwait(false);
                if (existing is not null && !IsExpired(existing, now))
                {
                    if (existing.GetString(KindProperty) != record.Kind.Name)
                    {
                        throw new ConcurrencyConflictException(record.Kind.Name, record.PartitionKey, record.Id, null, e);
                    }

                    return new RecordWriteResult<T>(await DecodeAsync<T>(existing, record.Kind, cancellationToken).ConfigureAwait(false), WriteOutcome.AlreadyExisted);
                }

                if (existing is not null)
                {
                    try
                    {
                        var replaced = await table.UpdateEntityAsync(entity, existing.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                        return new RecordWriteResult<T>(Stored<T>(document, record.Kind, replaced), WriteOutcome.Created);
                    }
                    catch (RequestFailedException raced) when (IsLostRace(raced) && attempt < 3)
                    {
                        // Another writer replaced or deleted the expired entity meanwhile: start over.
                    }
                }
                else if (attempt >= 3)
                {
                    throw new ConcurrencyConflictException(record.Kind.Name, record.PartitionKey, record.Id, null, e);
                }
            }
        }
    }

    public async Task<RecordEnvelope<T>> UpsertAsync<T>(RecordEnvelope<T> record, CancellationToken cancellationToken = default)
    {
        var (document, json) = Encode(record, timeProvider.GetUtcNow());
        var table = await storage.TableAsync(record.Kind.Container, cancellationToken).ConfigureAwait(false);
        var entity = await ToEntityAsync(table, record.Kind, document, json, cancellationToken).ConfigureAwait(false);
        try
        {
            var response = record.ETag is null
                ? await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false)
                : await table.UpdateEntityAsync(entity, new ETag(record.ETag), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return Stored<T>(document, record.Kind, response);
        }
        catch (RequestFailedException e) when (record.ETag is not null && IsLostRace(e))
        {
            // 412: the ETag is stale; 404: the record was deleted since it was read.
            throw new ConcurrencyConflictException(record.Kind.Name, record.PartitionKey, record.Id, record.ETag, e);
        }
    }

    public async Task<RecordEnvelope<T>?> GetAsync<T>(RecordKind kind, string partitionKey, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var table = await storage.TableAsync(kind.Container, cancellationToken).ConfigureAwait(false);
        var entity = await ReadEntityAsync(table, TableKeys.Escape(partitionKey), TableKeys.Escape(id), cancellationToken).ConfigureAwait(false);
        return entity is null || IsExpired(entity, timeProvider.GetUtcNow()) || entity.GetString(KindProperty) != kind.Name
            ? null
            : await DecodeAsync<T>(entity, kind, cancellationToken).ConfigureAwait(false);
    }

    public async Task<RecordPage<T>> QueryAsync<T>(RecordKind kind, string partitionKey, RecordQuery query, CancellationToken cancellationToken = default)
    {
        RecordCodec.ValidateQuery(kind, partitionKey, query);
        var after = query.ContinuationToken is null ? null : DecodeToken(query.ContinuationToken);
        var table = await storage.TableAsync(kind.Container, cancellationToken).ConfigureAwait(false);
        var now = timeProvider.GetUtcNow();
        var filter = new StringBuilder(TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Escape(partitionKey)} and Kind eq {kind.Name} and ExpiresAt gt {now.ToUniversalTime()}"));
        // Escaping keeps the ordinal order of ids, so the id bounds become RowKey bounds; the exact test follows below.
        if (after is not null)
        {
            filter.Append(TableClient.CreateQueryFilter($" and RowKey gt {TableKeys.Escape(after)}"));
        }

        if (query.IdFrom is not null)
        {
            filter.Append(TableClient.CreateQueryFilter($" and RowKey ge {TableKeys.Escape(query.IdFrom)}"));
        }

        if (query.IdTo is not null)
        {
            filter.Append(TableClient.CreateQueryFilter($" and RowKey lt {TableKeys.Escape(query.IdTo)}"));
        }

        if (!string.IsNullOrEmpty(query.IdPrefix))
        {
            var prefix = TableKeys.Escape(query.IdPrefix);
            filter.Append(TableClient.CreateQueryFilter($" and RowKey ge {prefix}"));
            if (prefix[^1] < char.MaxValue)
            {
                filter.Append(TableClient.CreateQueryFilter($" and RowKey lt {prefix[..^1] + (char)(prefix[^1] + 1)}"));
            }
        }

        // Keyset paging on the id, as the embedded store pages: one record more than the page says whether more follow.
        var records = new List<RecordEnvelope<T>>();
        var pageSize = Math.Min(query.PageSize + 1, 1000);
        await foreach (var page in table.QueryAsync<TableEntity>(filter.ToString(), pageSize, cancellationToken: cancellationToken).AsPages().ConfigureAwait(false))
        {
            foreach (var entity in page.Values)
            {
                var id = TableKeys.Unescape(entity.RowKey);
                if ((query.IdPrefix is not null && !id.StartsWith(query.IdPrefix, StringComparison.Ordinal))
                    || (query.IdFrom is not null && string.CompareOrdinal(id, query.IdFrom) < 0)
                    || (query.IdTo is not null && string.CompareOrdinal(id, query.IdTo) >= 0))
                {
                    continue;
                }

                if (records.Count == query.PageSize)
                {
                    return new RecordPage<T>(records, EncodeToken(records[^1].Id));
                }

                records.Add(await DecodeAsync<T>(entity, kind, cancellationToken).ConfigureAwait(false));
            }
        }

        return new RecordPage<T>(records, null);
    }

    public async Task<bool> DeleteAsync(RecordKind kind, string partitionKey, string id, string? ifMatchETag = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var table = await storage.TableAsync(kind.Container, cancellationToken).ConfigureAwait(false);
        var pk = TableKeys.Escape(partitionKey);
        var rk = TableKeys.Escape(id);
        var existing = await ReadEntityAsync(table, pk, rk, cancellationToken, [ExpiresAtProperty]).ConfigureAwait(false);
        if (existing is null)
        {
            return false;
        }

        if (IsExpired(existing, timeProvider.GetUtcNow()))
        {
            // Already gone as far as readers know (as in the other stores); the retention run reclaims it.
            return false;
        }

        try
        {
            var response = await table.DeleteEntityAsync(pk, rk, ifMatchETag is null ? ETag.All : new ETag(ifMatchETag), cancellationToken).ConfigureAwait(false);
            // The SDK reports a missing entity as a 404 response rather than an exception.
            return response.Status != (int)HttpStatusCode.NotFound;
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.NotFound)
        {
            return false;
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.PreconditionFailed)
        {
            throw new ConcurrencyConflictException(kind.Name, partitionKey, id, ifMatchETag, e);
        }
    }

    /// <summary>
    /// Deletes expired records of every record table: one filtered scan per table (<c>ExpiresAt le now</c>), then
    /// transactions of up to 100 deletes per partition, each on the ETag read, so a record rewritten meanwhile stays.
    /// </summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow().ToUniversalTime();
        var deleted = 0;
        foreach (var container in StorageContainers.All.Where(c => c != StorageContainers.Bars))
        {
            var table = await storage.TableAsync(container, cancellationToken).ConfigureAwait(false);
            var expired = new List<TableEntity>();
            var filter = TableClient.CreateQueryFilter($"ExpiresAt le {now}");
            await foreach (var entity in table.QueryAsync<TableEntity>(filter, 1000, ["PartitionKey", "RowKey"], cancellationToken).ConfigureAwait(false))
            {
                expired.Add(entity);
            }

            foreach (var partition in expired.GroupBy(e => e.PartitionKey, StringComparer.Ordinal))
            {
                foreach (var chunk in partition.Chunk(TablesBarStore.MaxTransactionSize))
                {
                    deleted += await DeleteChunkAsync(table, chunk, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return deleted;
    }

    private static async Task<int> DeleteChunkAsync(TableClient table, TableEntity[] chunk, CancellationToken cancellationToken)
    {
        try
        {
            await table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, e.ETag)), cancellationToken).ConfigureAwait(false);
            return chunk.Length;
        }
        catch (TableTransactionFailedException)
        {
            // One entity was deleted or rewritten meanwhile and the whole transaction rolled back: go one by one.
            var deleted = 0;
            foreach (var entity in chunk)
            {
                try
                {
                    var response = await table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, entity.ETag, cancellationToken).ConfigureAwait(false);
                    deleted += response.Status == (int)HttpStatusCode.NotFound ? 0 : 1;
                }
                catch (RequestFailedException e) when (IsLostRace(e))
                {
                    // Rewritten (no longer expired) or already gone: nothing to reclaim.
                }
            }

            return deleted;
        }
    }

    private static (RecordDocument Document, byte[] Json) Encode<T>(RecordEnvelope<T> record, DateTimeOffset now)
    {
        var encoded = RecordCodec.ToDocument(record, now);
        if (TableKeys.Problem(record.PartitionKey) is { } problem)
        {
            throw new InvalidRecordException($"The {record.Kind.Name} record '{record.Id}' has a PartitionKey Tables cannot hold: {problem}.");
        }

        return encoded;
    }

    private async Task<TableEntity> ToEntityAsync(TableClient table, RecordKind kind, RecordDocument document, byte[] json, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(TableKeys.Escape(document.Pk), TableKeys.Escape(document.Id))
        {
            [KindProperty] = kind.Name,
            [ExpiresAtProperty] = document.Ttl is { } ttl ? document.UpdatedAt.AddSeconds(ttl) : NoExpiry,
        };
        if (json.Length > MaxInlineBytes)
        {
            // Content-addressed, so a retried write finds the first copy in the immutable artifact store.
            var name = $"records/{table.Name}/{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(json))}.json";
            using var content = new MemoryStream(json, writable: false);
            await storage.Overflow.PutAsync(name, content, "application/json", document.CodeVersion, cancellationToken).ConfigureAwait(false);
            entity[BodyRefProperty] = name;
            return entity;
        }

        for (int offset = 0, i = 0; offset < json.Length; offset += ChunkBytes, i++)
        {
            entity[ChunkPrefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = json.AsSpan(offset, Math.Min(ChunkBytes, json.Length - offset)).ToArray();
        }

        return entity;
    }

    private async Task<RecordEnvelope<T>> DecodeAsync<T>(TableEntity entity, RecordKind kind, CancellationToken cancellationToken)
    {
        byte[] json;
        if (entity.GetString(BodyRefProperty) is { } name)
        {
            var stream = await storage.Overflow.OpenReadAsync(name, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"The {kind.Name} record '{TableKeys.Unescape(entity.RowKey)}' refers to artifact '{name}', which does not exist.");
            await using (stream.ConfigureAwait(false))
            {
                using var buffer = new MemoryStream();
                await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
                json = buffer.ToArray();
            }
        }
        else
        {
            using var buffer = new MemoryStream();
            for (var i = 0; entity.GetBinary(ChunkPrefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture)) is { } chunk; i++)
            {
                buffer.Write(chunk);
            }

            json = buffer.ToArray();
        }

        var document = JsonSerializer.Deserialize<RecordDocument>(json, StorageJson.Options)
            ?? throw new InvalidOperationException($"The {kind.Name} record '{TableKeys.Unescape(entity.RowKey)}' has an empty body.");
        document.ETag = entity.ETag.ToString();
        return RecordCodec.FromDocument<T>(document, kind);
    }

    private static RecordEnvelope<T> Stored<T>(RecordDocument document, RecordKind kind, Response response)
    {
        document.ETag = response.Headers.ETag?.ToString()
            ?? throw new InvalidOperationException($"Tables returned no ETag for the {kind.Name} record '{document.Id}'.");
        return RecordCodec.FromDocument<T>(document, kind);
    }

    private static async Task<TableEntity?> ReadEntityAsync(TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken, IEnumerable<string>? select = null)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, select, cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    private static bool IsExpired(TableEntity entity, DateTimeOffset now) =>
        entity.GetDateTimeOffset(ExpiresAtProperty) is { } expiresAt && expiresAt <= now;

    private static bool IsLostRace(RequestFailedException e) =>
        e.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound;

    private static string EncodeToken(string lastId) => "k" + Convert.ToBase64String(Encoding.UTF8.GetBytes(lastId));

    private static string DecodeToken(string token)
    {
        try
        {
            if (token.Length > 1 && token[0] == 'k')
            {
                return Encoding.UTF8.GetString(Convert.FromBase64String(token[1..]));
            }
        }
        catch (FormatException)
        {
            // Falls through to the error below.
        }

        throw new ArgumentException($"'{token}' is not a continuation token of the Tables record store.", nameof(token));
    }
}
