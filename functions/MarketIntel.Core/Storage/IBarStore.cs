using MarketIntel.Core.Market;

namespace MarketIntel.Core.Storage;

/// <summary>
/// Bars per symbol and timeframe. A bar's identity is (symbol, timeframe, open time): writing it again replaces it,
/// so revised bars are upserts and a re-run batch leaves exactly one copy of each bar.
/// </summary>
public interface IBarStore
{
    /// <summary>
    /// Validates every bar first (nothing is written when one is bad), then inserts or replaces them all.
    /// </summary>
    /// <returns>The number of bars written.</returns>
    /// <exception cref="InvalidRecordException">A bar is malformed; the message names the symbol, time and field.</exception>
    Task<int> UpsertAsync(Symbol symbol, Timeframe timeframe, IReadOnlyList<Bar> bars, BarProvenance provenance, CancellationToken cancellationToken = default);

    /// <summary>
    /// <see cref="UpsertAsync"/> for several symbols of one timeframe at once (a tick batch touches many): every bar of
    /// every series is validated first, nothing is written when one is bad. Stores that can (embedded SQLite) write
    /// them all in one transaction; the default writes one series at a time.
    /// </summary>
    /// <returns>The number of bars written.</returns>
    /// <exception cref="InvalidRecordException">A bar is malformed; the message names the symbol, time and field.</exception>
    async Task<int> UpsertManyAsync(Timeframe timeframe, IReadOnlyList<(Symbol Symbol, IReadOnlyList<Bar> Bars)> series, BarProvenance provenance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(series);
        foreach (var (symbol, bars) in series)
        {
            BarRecordRules.Validate(symbol, timeframe, bars, provenance);
        }

        var written = 0;
        foreach (var (symbol, bars) in series)
        {
            written += await UpsertAsync(symbol, timeframe, bars, provenance, cancellationToken).ConfigureAwait(false);
        }

        return written;
    }

    /// <summary>
    /// <see cref="UpsertManyAsync"/> and conditional record writes (as <see cref="IRecordStore.TryWriteManyAsync{T}"/>:
    /// an ETag replaces only that version, no ETag creates only) of two kinds, all in ONE transaction, where this store
    /// and <paramref name="records"/> keep their data in one database (the embedded SQLite file): the tick path writes a
    /// batch's bar states, watermarks and bars with one commit, so a crash leaves all of them or none. Returns null when
    /// nothing was written: the stores share no transaction (the default: Cosmos DB, Azure Tables), or a record's
    /// condition failed (another writer got there first); the caller then writes through the stores separately, which
    /// resolves conflicts record by record.
    /// </summary>
    /// <exception cref="InvalidRecordException">A bar or a record is malformed; nothing is written.</exception>
    Task<BarsWithRecordsWritten<TFirst, TSecond>?> TryUpsertManyWithRecordsAsync<TFirst, TSecond>(
        Timeframe timeframe,
        IReadOnlyList<(Symbol Symbol, IReadOnlyList<Bar> Bars)> series,
        BarProvenance provenance,
        IRecordStore records,
        IReadOnlyList<RecordEnvelope<TFirst>> first,
        IReadOnlyList<RecordEnvelope<TSecond>> second,
        CancellationToken cancellationToken = default) => Task.FromResult<BarsWithRecordsWritten<TFirst, TSecond>?>(null);

    /// <summary>Bars with <c>From &lt;= OpenTime &lt; To</c> in ascending time, a page at a time.</summary>
    Task<BarPage> ReadAsync(BarRangeQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Several ranges at once (typically one per symbol), each page exactly what <see cref="ReadAsync"/> returns for
    /// its query, in the order asked. Adapters that can share a connection or a statement do; the default reads in turn.
    /// </summary>
    async Task<IReadOnlyList<BarPage>> ReadManyAsync(IReadOnlyList<BarRangeQuery> queries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var pages = new BarPage[queries.Count];
        for (var i = 0; i < pages.Length; i++)
        {
            pages[i] = await ReadAsync(queries[i], cancellationToken).ConfigureAwait(false);
        }

        return pages;
    }

    /// <summary>
    /// For each query, its series' newest <see cref="LastBarsQuery.Count"/> bars in its range, oldest first (fewer when
    /// the range holds fewer), in the order asked: what analyses read (scans, indicators, backtests), so bars without
    /// their provenance. Stores that can ask for the newest bars directly do (embedded SQLite: one descending index seek
    /// per series, all on one connection); the default walks back through <see cref="ReadAsync"/> windows
    /// (<see cref="BarStoreReads.LastByWindowsAsync(IBarStore, LastBarsQuery, CancellationToken)"/>).
    /// </summary>
    Task<IReadOnlyList<IReadOnlyList<Bar>>> ReadLastAsync(IReadOnlyList<LastBarsQuery> queries, CancellationToken cancellationToken = default) =>
        BarStoreReads.LastByWindowsAsync(this, queries, cancellationToken);

    /// <summary>
    /// A time no stored bar of the series opens before: the first bar's open time, or the start of the storage period
    /// that holds it; null when the series has no bars. Readers looking back for the last N bars stop here instead
    /// of searching years of empty history.
    /// </summary>
    Task<DateTime?> HistoryStartAsync(Symbol symbol, Timeframe timeframe, CancellationToken cancellationToken = default);
}
