using System.Net;
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
    public async Task<RecordWriteResult<T>> CreateAsync<T>(RecordEnvelope<T> record, CancellationToken cancellationToken = default)
    {
        var (document, _) = RecordCodec.ToDocument(record, timeProvider.GetUtcNow());
        var container = await storage.ContainerAsync(record.Kind.Container, cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await container.CreateItemAsync(document, new PartitionKey(document.Pk), cancellationToken: cancellationToken).ConfigureAwait(false);
            storage.Charges.Add("record.create", response.RequestCharge);
            return new RecordWriteResult<T>(RecordCodec.FromDocument<T>(response.Resource, record.Kind), WriteOutcome.Created);
        }
        catch (CosmosException e) when (e.StatusCode == HttpStatusCode.Conflict)
        {
            storage.Charges.Add("record.create", e.RequestCharge);
            var existing = await GetAsync<T>(record.Kind, record.PartitionKey, record.Id, cancellationToken).ConfigureAwait(false)
                ?? throw new ConcurrencyConflictException(record.Kind.Name, record.PartitionKey, record.Id, null, e);
            return new RecordWriteResult<T>(existing, WriteOutcome.AlreadyExisted);
        }
    }

    public async Task<RecordEnvelope<T>> UpsertAsync<T>(RecordEnvelope<T> record, CancellationToken cancellationToken = default)
    {
        var (document, _) = RecordCodec.ToDocument(record, timeProvider.GetUtcNow());
        var container = await storage.ContainerAsync(record.Kind.Container, cancellationToken).ConfigureAwait(false);
        try
        {
            ItemResponse<RecordDocument> response = record.ETag is null
                ? await container.UpsertItemAsync(document, new PartitionKey(document.Pk), cancellationToken: cancellationToken).ConfigureAwait(false)
                : await container.ReplaceItemAsync(document, document.Id, new PartitionKey(document.Pk), new ItemRequestOptions { IfMatchEtag = record.ETag }, cancellationToken).ConfigureAwait(false);
            storage.Charges.Add(record.ETag is null ? "record.upsert" : "record.replace", response.RequestCharge);
            return RecordCodec.FromDocument<T>(response.Resource, record.Kind);
        }
        catch (CosmosException e) when (record.ETag is not null && e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
        {
            throw new ConcurrencyConflictException(record.Kind.Name, record.PartitionKey, record.Id, record.ETag, e);
        }
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

    public async Task<bool> DeleteAsync(RecordKind kind, string partitionKey, string id, string? ifMatchETag = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var container = await storage.ContainerAsync(kind.Container, cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await container.DeleteItemAsync<RecordDocument>(id, new PartitionKey(partitionKey), new ItemRequestOptions { IfMatchEtag = ifMatchETag }, cancellationToken).ConfigureAwait(false);
            storage.Charges.Add("record.delete", response.RequestCharge);
            return true;
        }
        catch (CosmosException e) when (IsMissingItem(e))
        {
            return false;
        }
        catch (CosmosException e) when (e.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            throw new ConcurrencyConflictException(kind.Name, partitionKey, id, ifMatchETag, e);
        }
    }

    /// <summary>A missing item (sub-status 0), as opposed to a missing container or database (1003), which must surface.</summary>
    private static bool IsMissingItem(CosmosException e) => e.StatusCode == HttpStatusCode.NotFound && e.SubStatusCode == 0;
}
