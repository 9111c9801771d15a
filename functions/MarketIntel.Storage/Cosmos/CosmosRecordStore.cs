using System.Net;
using System.Text.Json;
using MarketIntel.Core.Storage;
using MarketIntel.Storage.Documents;
using Microsoft.Azure.Cosmos;

namespace MarketIntel.Storage.Cosmos;

/// <summary>
/// Result envelopes in Cosmos DB: one container per <see cref="RecordKind.Container"/>, partition key path <c>/pk</c>.
/// Point operations for writes and reads; queries are scoped to one partition (in the SQL text and the request
/// options) and page with Cosmos continuation tokens.
/// </summary>
public sealed class CosmosRecordStore(CosmosStorage storage, TimeProvider timeProvider) : IRecordStore
{
    public Task<RecordWriteResult<T>> CreateAsync<T>(RecordEnvelope<T> record, CancellationToken cancellationToken = default)
    {
        var (document, _) = RecordCodec.ToDocument(record, timeProvider.GetUtcNow());
        return storage.WriteAsync(
            record.Kind.Container,
            async (container, earlierOutcomeUnknown, ct) =>
            {
                try
                {
                    var response = await container.CreateItemAsync(document, new PartitionKey(document.Pk), cancellationToken: ct).ConfigureAwait(false);
                    storage.Charges.Add("record.create", response.RequestCharge);
                    return new RecordWriteResult<T>(RecordCodec.FromDocument<T>(response.Resource, record.Kind), WriteOutcome.Created);
                }
                catch (CosmosException e) when (e.StatusCode == HttpStatusCode.Conflict)
                {
                    storage.Charges.Add("record.create", e.RequestCharge);
                    var existing = await ReadDocumentAsync(container, record.Kind, document.Pk, document.Id, ct).ConfigureAwait(false)
                        ?? throw new ConcurrencyConflictException(record.Kind.Name, record.PartitionKey, record.Id, null, e);
                    // After an attempt whose outcome is unknown, the item found may be that attempt's: it is ours only if
                    // it holds exactly what was written (the document, its update time included, is built once).
                    var outcome = earlierOutcomeUnknown && SameContent(existing, document) ? WriteOutcome.Created : WriteOutcome.AlreadyExisted;
                    return new RecordWriteResult<T>(RecordCodec.FromDocument<T>(existing, record.Kind), outcome);
                }
            },
            WriteFoundNoContainer,
            cancellationToken);
    }

    public Task<RecordEnvelope<T>> UpsertAsync<T>(RecordEnvelope<T> record, CancellationToken cancellationToken = default)
    {
        var (document, _) = RecordCodec.ToDocument(record, timeProvider.GetUtcNow());
        if (record.ETag is null)
        {
            // Unconditional: idempotent, retried as it is.
            return storage.WriteAsync(
                record.Kind.Container,
                async (container, _, ct) =>
                {
                    var response = await container.UpsertItemAsync(document, new PartitionKey(document.Pk), cancellationToken: ct).ConfigureAwait(false);
                    storage.Charges.Add("record.upsert", response.RequestCharge);
                    return RecordCodec.FromDocument<T>(response.Resource, record.Kind);
                },
                WriteFoundNoContainer,
                cancellationToken);
        }

        return storage.WriteAsync(
            record.Kind.Container,
            async (container, earlierOutcomeUnknown, ct) =>
            {
                try
                {
                    var response = await container.ReplaceItemAsync(document, document.Id, new PartitionKey(document.Pk), new ItemRequestOptions { IfMatchEtag = record.ETag }, ct).ConfigureAwait(false);
                    storage.Charges.Add("record.replace", response.RequestCharge);
                    return RecordCodec.FromDocument<T>(response.Resource, record.Kind);
                }
                catch (CosmosException e) when (e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound && !CosmosStorage.IsMissingContainer(e))
                {
                    // 412 after an attempt whose outcome is unknown: that attempt may have landed and moved the ETag.
                    // Only an item holding exactly what was written is ours; anything else is a real conflict.
                    if (earlierOutcomeUnknown && e.StatusCode == HttpStatusCode.PreconditionFailed
                        && await ReadDocumentAsync(container, record.Kind, document.Pk, document.Id, ct).ConfigureAwait(false) is { } current
                        && SameContent(current, document))
                    {
                        return RecordCodec.FromDocument<T>(current, record.Kind);
                    }

                    throw new ConcurrencyConflictException(record.Kind.Name, record.PartitionKey, record.Id, record.ETag, e);
                }
            },
            CosmosStorage.IsMissingContainer,
            cancellationToken);
    }

    public async Task<RecordEnvelope<T>?> GetAsync<T>(RecordKind kind, string partitionKey, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var container = await storage.ContainerAsync(kind.Container, cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await container.ReadItemAsync<RecordDocument>(id, new PartitionKey(partitionKey), cancellationToken: cancellationToken).ConfigureAwait(false);
            storage.Charges.Add("record.read", response.RequestCharge);
            return response.Resource.Kind == kind.Name ? RecordCodec.FromDocument<T>(response.Resource, kind) : null;
        }
        catch (CosmosException e) when (IsMissingItem(e))
        {
            storage.Charges.Add("record.read", e.RequestCharge);
            return null;
        }
    }

    public async Task<RecordPage<T>> QueryAsync<T>(RecordKind kind, string partitionKey, RecordQuery query, CancellationToken cancellationToken = default)
    {
        RecordCodec.ValidateQuery(kind, partitionKey, query);
        var container = await storage.ContainerAsync(kind.Container, cancellationToken).ConfigureAwait(false);
        var sql = "SELECT * FROM c WHERE c.pk = @pk AND c.kind = @kind"
            + (query.IdPrefix is null ? string.Empty : " AND STARTSWITH(c.id, @prefix)")
            + (query.IdFrom is null ? string.Empty : " AND c.id >= @idFrom")
            + (query.IdTo is null ? string.Empty : " AND c.id < @idTo")
            + " ORDER BY c.id";
        var definition = new QueryDefinition(sql).WithParameter("@pk", partitionKey).WithParameter("@kind", kind.Name);
        if (query.IdPrefix is not null)
        {
            definition = definition.WithParameter("@prefix", query.IdPrefix);
        }

        if (query.IdFrom is not null)
        {
            definition = definition.WithParameter("@idFrom", query.IdFrom);
        }

        if (query.IdTo is not null)
        {
            definition = definition.WithParameter("@idTo", query.IdTo);
        }

        var records = new List<RecordEnvelope<T>>();
        var continuation = query.ContinuationToken;
        // A Cosmos page may be short (or empty) while more results remain: keep reading, asking only for what is
        // missing, until the page is full or the service returns no continuation.
        do
        {
            var options = new QueryRequestOptions { PartitionKey = new PartitionKey(partitionKey), MaxItemCount = query.PageSize - records.Count };
            using var iterator = container.GetItemQueryIterator<RecordDocument>(definition, continuation, options);
            if (!iterator.HasMoreResults)
            {
                continuation = null;
                break;
            }

            var page = await iterator.ReadNextAsync(cancellationToken).ConfigureAwait(false);
            storage.Charges.Add("record.query", page.RequestCharge);
            records.AddRange(page.Select(d => RecordCodec.FromDocument<T>(d, kind)));
            continuation = page.ContinuationToken;
        }
        while (continuation is not null && records.Count < query.PageSize);

        return new RecordPage<T>(records, continuation);
    }

    public Task<bool> DeleteAsync(RecordKind kind, string partitionKey, string id, string? ifMatchETag = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return storage.WriteAsync(
            kind.Container,
            async (container, earlierOutcomeUnknown, ct) =>
            {
                try
                {
                    var response = await container.DeleteItemAsync<RecordDocument>(id, new PartitionKey(partitionKey), new ItemRequestOptions { IfMatchEtag = ifMatchETag }, ct).ConfigureAwait(false);
                    storage.Charges.Add("record.delete", response.RequestCharge);
                    return true;
                }
                catch (CosmosException e) when (IsMissingItem(e))
                {
                    // Gone after an attempt whose outcome is unknown: that attempt most likely deleted it.
                    return earlierOutcomeUnknown;
                }
                catch (CosmosException e) when (e.StatusCode == HttpStatusCode.PreconditionFailed)
                {
                    throw new ConcurrencyConflictException(kind.Name, partitionKey, id, ifMatchETag, e);
                }
            },
            CosmosStorage.IsMissingContainer,
            cancellationToken);
    }

    /// <summary>The stored document of the record, or null when there is none of that kind.</summary>
    private async Task<RecordDocument?> ReadDocumentAsync(Container container, RecordKind kind, string partitionKey, string id, CancellationToken cancellationToken)
    {
        try
        {
            var response = await container.ReadItemAsync<RecordDocument>(id, new PartitionKey(partitionKey), cancellationToken: cancellationToken).ConfigureAwait(false);
            storage.Charges.Add("record.read", response.RequestCharge);
            return response.Resource.Kind == kind.Name ? response.Resource : null;
        }
        catch (CosmosException e) when (IsMissingItem(e))
        {
            storage.Charges.Add("record.read", e.RequestCharge);
            return null;
        }
    }

    /// <summary>Whether the stored document holds what was written (the service's own fields, such as the ETag, aside).</summary>
    private static bool SameContent(RecordDocument stored, RecordDocument written) =>
        stored.Id == written.Id && stored.Pk == written.Pk && stored.Kind == written.Kind
        && stored.CreatedAt == written.CreatedAt && stored.UpdatedAt == written.UpdatedAt
        && stored.CodeVersion == written.CodeVersion && stored.Status == written.Status && stored.Ttl == written.Ttl
        && SameJson(stored.Inputs, written.Inputs) && SameJson(stored.Payload, written.Payload);

    private static bool SameJson(JsonElement a, JsonElement b) =>
        a.ValueKind == JsonValueKind.Undefined || b.ValueKind == JsonValueKind.Undefined ? a.ValueKind == b.ValueKind : JsonElement.DeepEquals(a, b);

    /// <summary>A create or upsert never misses an item: its 404 means the container (or database) is gone.</summary>
    private static bool WriteFoundNoContainer(CosmosException e) => e.StatusCode == HttpStatusCode.NotFound;

    /// <summary>A missing item (sub-status 0), as opposed to a missing container or database (1003), which must surface.</summary>
    private static bool IsMissingItem(CosmosException e) => e.StatusCode == HttpStatusCode.NotFound && e.SubStatusCode == 0;
}
