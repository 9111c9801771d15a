using System.Globalization;
using Azure;
using Azure.Data.Tables;
using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;

namespace MarketIntel.Storage.Tables;

/// <summary>
/// Bars in the table <c>bars</c>: PartitionKey = <see cref="BarRecordRules.PartitionKey"/> (<c>symbol|tf|yyyy-MM</c>,
/// <c>yyyy</c> for daily and longer), RowKey = the open time (<c>2024-01-02T14:30</c>, sortable). Writes are entity
/// group transactions of up to 100 upserts in one partition (a revised bar replaces the stored one); a range read is
/// one partition scan per period, in RowKey order.
/// </summary>
public sealed class TablesBarStore(TablesStorage storage, TimeProvider timeProvider) : IBarStore
{
    /// <summary>The most operations Tables accepts in one transaction.</summary>
    public const int MaxTransactionSize = 100;

    public async Task<int> UpsertAsync(Symbol symbol, Timeframe timeframe, IReadOnlyList<Bar> bars, BarProvenance provenance, CancellationToken cancellationToken = default)
    {
        BarRecordRules.Validate(symbol, timeframe, bars, provenance);
        if (bars.Count == 0)
        {
            return 0;
        }

        var table = await storage.TableAsync(StorageContainers.Bars, cancellationToken).ConfigureAwait(false);
        var now = timeProvider.GetUtcNow().ToUniversalTime();
        var transactions = new List<List<TableTransactionAction>>();
        foreach (var partition in bars.GroupBy(b => BarRecordRules.PartitionKey(symbol, timeframe, b.OpenTime), StringComparer.Ordinal))
        {
            var key = TableKeys.Escape(partition.Key);
            foreach (var chunk in partition.Chunk(MaxTransactionSize))
            {
                transactions.Add([.. chunk.Select(b => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(key, b, provenance, now)))]);
            }
        }

        // Every action is an idempotent upsert of a deterministic key, so a batch interrupted anywhere can be run again.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = storage.MaxParallelWrites, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(transactions, parallel, async (actions, ct) =>
            await table.SubmitTransactionAsync(actions, ct).ConfigureAwait(false)).ConfigureAwait(false);
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

        var table = await storage.TableAsync(StorageContainers.Bars, cancellationToken).ConfigureAwait(false);
        var fromMs = BarRecordRules.ToUnixMilliseconds(from);
        var toMs = BarRecordRules.ToUnixMilliseconds(query.To);
        // Row keys have minute precision: bound them by whole minutes and filter the exact range on T.
        var fromRow = BarRecordRules.Id(new DateTime(from.Ticks - (from.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc));
        var toRow = BarRecordRules.Id(new DateTime(query.To.Ticks - (query.To.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc).AddMinutes(1));
        // One bar more than the page tells whether another page exists, so the last page carries no token.
        var wanted = query.PageSize + 1;
        for (var period = BarRecordRules.PeriodStart(query.Timeframe, from); period < query.To && items.Count < wanted; period = BarRecordRules.NextPeriodStart(query.Timeframe, period))
        {
            var partitionKey = TableKeys.Escape(BarRecordRules.PartitionKey(query.Symbol, query.Timeframe, period));
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ge {fromRow} and RowKey lt {toRow} and T ge {fromMs} and T lt {toMs}");
            await foreach (var page in table.QueryAsync<TableEntity>(filter, Math.Min(wanted - items.Count, 1000), cancellationToken: cancellationToken).AsPages().ConfigureAwait(false))
            {
                foreach (var entity in page.Values)
                {
                    items.Add(ToStoredBar(entity));
                }

                if (items.Count >= wanted)
                {
                    break;
                }
            }
        }

        return BarRecordRules.Page(items, query.PageSize);
    }

    /// <summary>
    /// The start of the series' earliest partition: a PartitionKey range query over the series' prefix, which Tables
    /// answers in key order, so the first entity found names the earliest period.
    /// </summary>
    public async Task<DateTime?> HistoryStartAsync(Symbol symbol, Timeframe timeframe, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageContainers.Bars, cancellationToken).ConfigureAwait(false);
        var prefix = TableKeys.Escape(BarRecordRules.PartitionPrefix(symbol, timeframe));
        // The prefix ends with the separator '|'; every key of the series sorts before the next character.
        var upper = prefix[..^1] + (char)(prefix[^1] + 1);
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {upper}");
        await foreach (var page in table.QueryAsync<TableEntity>(filter, 1, ["PartitionKey"], cancellationToken).AsPages().ConfigureAwait(false))
        {
            if (page.Values.Count > 0)
            {
                return BarRecordRules.PeriodStartOf(symbol, timeframe, TableKeys.Unescape(page.Values[0].PartitionKey));
            }
        }

        return null;
    }

    private static TableEntity ToEntity(string partitionKey, Bar bar, BarProvenance provenance, DateTimeOffset now)
    {
        var entity = new TableEntity(partitionKey, BarRecordRules.Id(bar.OpenTime))
        {
            ["T"] = BarRecordRules.ToUnixMilliseconds(bar.OpenTime),
            ["O"] = bar.Open,
            ["H"] = bar.High,
            ["L"] = bar.Low,
            ["C"] = bar.Close,
            // A string, so that the decimal volume round-trips exactly (as in the JSON documents).
            ["V"] = bar.Volume.ToString(CultureInfo.InvariantCulture),
            ["N"] = bar.Trades,
            ["Src"] = provenance.Source,
            ["Ver"] = provenance.CodeVersion,
            ["WrittenAt"] = now,
        };
        if (provenance.RawArchiveKey is not null)
        {
            entity["Raw"] = provenance.RawArchiveKey;
        }

        return entity;
    }

    private static StoredBar ToStoredBar(TableEntity entity) => new(
        new Bar(
            BarRecordRules.FromUnixMilliseconds(entity.GetInt64("T") ?? throw Malformed(entity, "T")),
            entity.GetDouble("O") ?? throw Malformed(entity, "O"),
            entity.GetDouble("H") ?? throw Malformed(entity, "H"),
            entity.GetDouble("L") ?? throw Malformed(entity, "L"),
            entity.GetDouble("C") ?? throw Malformed(entity, "C"),
            decimal.Parse(entity.GetString("V") ?? throw Malformed(entity, "V"), NumberStyles.Number, CultureInfo.InvariantCulture),
            entity.GetInt64("N") ?? throw Malformed(entity, "N")),
        new BarProvenance(entity.GetString("Src") ?? string.Empty, entity.GetString("Ver") ?? string.Empty, entity.GetString("Raw")),
        entity.GetDateTimeOffset("WrittenAt") ?? default);

    private static RequestFailedException Malformed(TableEntity entity, string property) =>
        new($"Bar entity '{entity.PartitionKey}'/'{entity.RowKey}' has no {property} property of the expected type.");
}
