using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using MarketIntel.Storage.Documents;
using Microsoft.Azure.Cosmos;

namespace MarketIntel.Storage.Cosmos;

/// <summary>
/// Bars in the Cosmos DB container <c>bars</c>, partitioned by <c>symbol|timeframe|period</c>
/// (<see cref="BarRecordRules.PartitionKey"/>), id = open time. Writes are parallel point upserts (no bulk or
/// batch API); range reads walk the periods in order with one partition-scoped query each.
/// </summary>
public sealed class CosmosBarStore(CosmosStorage storage, TimeProvider timeProvider) : IBarStore
{
    public async Task<int> UpsertAsync(Symbol symbol, Timeframe timeframe, IReadOnlyList<Bar> bars, BarProvenance provenance, CancellationToken cancellationToken = default)
    {
        BarRecordRules.Validate(symbol, timeframe, bars, provenance);
        if (bars.Count == 0)
        {
            return 0;
        }

        var now = timeProvider.GetUtcNow();
        var options = new ItemRequestOptions { EnableContentResponseOnWrite = false };
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = storage.MaxParallelWrites, CancellationToken = cancellationToken };
        // Each upsert is idempotent (deterministic id), so each is retried as it is across an outage (CosmosWriteRetry),
        // and a batch interrupted anywhere can simply be run again.
        await Parallel.ForEachAsync(Enumerable.Range(0, bars.Count), parallel, async (i, ct) =>
        {
            var document = BarDocument.From(symbol, timeframe, bars[i], provenance, now);
            var response = await storage.WriteAsync(
                StorageContainers.Bars,
                (container, _, token) => container.UpsertItemAsync(document, new PartitionKey(document.Pk), options, token),
                UpsertFoundNoContainer,
                ct).ConfigureAwait(false);
            storage.Charges.Add("bar.upsert", response.RequestCharge);
        }).ConfigureAwait(false);
        return bars.Count;
    }

    public async Task<BarPage> ReadAsync(BarRangeQuery query, CancellationToken cancellationToken = default)
    {
        var from = BarRecordRules.ResumeFrom(query);
        var items = new List<StoredBar>(Math.Min(query.PageSize + 1, 1024));
        if (from >= query.To)
        {
            return new BarPage(items, null);
        }

        var container = await storage.ContainerAsync(StorageContainers.Bars, cancellationToken).ConfigureAwait(false);
        var fromMs = BarRecordRules.ToUnixMilliseconds(from);
        var toMs = BarRecordRules.ToUnixMilliseconds(query.To);
        // One bar more than the page tells whether another page exists, so the last page carries no token.
        var wanted = query.PageSize + 1;
        for (var period = BarRecordRules.PeriodStart(query.Timeframe, from); period < query.To && items.Count < wanted; period = BarRecordRules.NextPeriodStart(query.Timeframe, period))
        {
            var partitionKey = BarRecordRules.PartitionKey(query.Symbol, query.Timeframe, period);
            var definition = new QueryDefinition("SELECT * FROM c WHERE c.pk = @pk AND c.t >= @from AND c.t < @to ORDER BY c.t")
                .WithParameter("@pk", partitionKey)
                .WithParameter("@from", fromMs)
                .WithParameter("@to", toMs);
            string? continuation = null;
            do
            {
                var options = new QueryRequestOptions { PartitionKey = new PartitionKey(partitionKey), MaxItemCount = wanted - items.Count };
                using var iterator = container.GetItemQueryIterator<BarDocument>(definition, continuation, options);
                if (!iterator.HasMoreResults)
                {
                    break;
                }

                var page = await iterator.ReadNextAsync(cancellationToken).ConfigureAwait(false);
                storage.Charges.Add("bar.query", page.RequestCharge);
                foreach (var document in page)
                {
                    items.Add(document.ToStoredBar());
                }

                continuation = page.ContinuationToken;
            }
            while (continuation is not null && items.Count < wanted);
        }

        return BarRecordRules.Page(items, query.PageSize);
    }

    /// <summary>
    /// The start of the series' earliest partition: one cross-partition aggregate over the indexed <c>/pk</c> path
    /// (partition keys of a series sort in time order), not a scan of bars.
    /// </summary>
    public async Task<DateTime?> HistoryStartAsync(Symbol symbol, Timeframe timeframe, CancellationToken cancellationToken = default)
    {
        var container = await storage.ContainerAsync(StorageContainers.Bars, cancellationToken).ConfigureAwait(false);
        var definition = new QueryDefinition("SELECT VALUE MIN(c.pk) FROM c WHERE STARTSWITH(c.pk, @prefix)")
            .WithParameter("@prefix", BarRecordRules.PartitionPrefix(symbol, timeframe));
        string? earliest = null;
        using var iterator = container.GetItemQueryIterator<string>(definition);
        while (iterator.HasMoreResults)
        {
            var page = await iterator.ReadNextAsync(cancellationToken).ConfigureAwait(false);
            storage.Charges.Add("bar.history-start", page.RequestCharge);
            foreach (var key in page)
            {
                if (key is not null && (earliest is null || string.CompareOrdinal(key, earliest) < 0))
                {
                    earliest = key;
                }
            }
        }

        return earliest is null ? null : BarRecordRules.PeriodStartOf(symbol, timeframe, earliest);
    }

    /// <summary>An upsert never misses an item: its 404 means the container (or database) is gone.</summary>
    private static bool UpsertFoundNoContainer(CosmosException e) => e.StatusCode == System.Net.HttpStatusCode.NotFound;
}
