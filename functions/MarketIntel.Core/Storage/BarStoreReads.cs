using MarketIntel.Core.Market;

namespace MarketIntel.Core.Storage;

/// <summary>
/// Reads built on <see cref="IBarStore.ReadAsync"/> alone: every page of a range, and the last N bars of a range by
/// windows that widen back from its end. The latter is <see cref="IBarStore.ReadLastAsync"/>'s default, for stores
/// that cannot ask for "the newest N" directly (Cosmos DB and Table storage read partitions forwards).
/// </summary>
public static class BarStoreReads
{
    /// <summary>Every bar with <c>from &lt;= open time &lt; to</c>, oldest first, following continuation tokens.</summary>
    public static async Task<List<Bar>> RangeAsync(IBarStore store, Symbol symbol, Timeframe timeframe, DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var bars = new List<Bar>();
        string? token = null;
        do
        {
            var page = await store.ReadAsync(new BarRangeQuery(symbol, timeframe, fromUtc, toUtc, BarRangeQuery.MaxPageSize, token), cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                bars.Add(item.Bar);
            }

            token = page.ContinuationToken;
        }
        while (token is not null);
        return bars;
    }

    /// <summary>
    /// The last <see cref="LastBarsQuery.Count"/> bars of the query's range, oldest first. Reads back one window per try
    /// and doubles it while too few bars come back (series with market hours, weekends, or a gap), up to the range's
    /// start, but never past the series' stored history (<see cref="IBarStore.HistoryStartAsync"/>): a short history
    /// costs one more read, not a walk through years of empty storage periods.
    /// </summary>
    public static async Task<List<Bar>> LastByWindowsAsync(IBarStore store, LastBarsQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        var (symbol, timeframe, untilUtc, count) = (query.Symbol, query.Timeframe, query.To, query.Count);
        var lookback = (query.To - query.From).Ticks;
        var span = TimeSpan.FromTicks(Math.Min(timeframe.Ticks * (long)count * 3 / 2, lookback));
        DateTime? historyStart = null;
        var historyKnown = false;
        while (true)
        {
            var bars = await RangeAsync(store, symbol, timeframe, untilUtc - span, untilUtc, cancellationToken).ConfigureAwait(false);
            if (bars.Count >= count)
            {
                return bars.GetRange(bars.Count - count, count);
            }

            if (span.Ticks >= lookback)
            {
                return bars;
            }

            if (!historyKnown)
            {
                historyStart = await store.HistoryStartAsync(symbol, timeframe, cancellationToken).ConfigureAwait(false);
                historyKnown = true;
            }

            // Nothing opens before the history's start: when the window already reaches it, every bar there is was read.
            if (historyStart is not { } start || start >= untilUtc - span)
            {
                return bars;
            }

            span = TimeSpan.FromTicks(Math.Min(Math.Min(span.Ticks * 2, (untilUtc - start).Ticks), lookback));
        }
    }

    /// <summary><see cref="LastByWindowsAsync(IBarStore, LastBarsQuery, CancellationToken)"/> for each query in turn: the default of <see cref="IBarStore.ReadLastAsync"/>.</summary>
    public static async Task<IReadOnlyList<IReadOnlyList<Bar>>> LastByWindowsAsync(IBarStore store, IReadOnlyList<LastBarsQuery> queries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var result = new IReadOnlyList<Bar>[queries.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = await LastByWindowsAsync(store, queries[i], cancellationToken).ConfigureAwait(false);
        }

        return result;
    }
}
