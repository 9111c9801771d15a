using MarketIntel.Core.Market;

namespace MarketIntel.Core.Storage;

/// <summary>
/// An <see cref="IBarStore"/> that advances the symbol's <see cref="BarSeriesVersions"/> after every write, so caches of
/// what was read before it see that they are outdated. The version moves after the write has finished (or failed part
/// way: a store may have written some of the batch), so the next read after <see cref="UpsertAsync"/> returns is a
/// fresh one. A completed write is then reported to the <see cref="IBarWriteListener"/>, when there is one (the live
/// stream's feed): every bar write in the process passes here, so nothing written escapes it.
/// </summary>
public sealed class VersionedBarStore(IBarStore inner, BarSeriesVersions versions, IBarWriteListener? listener = null) : IBarStore
{
    public async Task<int> UpsertAsync(Symbol symbol, Timeframe timeframe, IReadOnlyList<Bar> bars, BarProvenance provenance, CancellationToken cancellationToken = default)
    {
        int written;
        try
        {
            written = await inner.UpsertAsync(symbol, timeframe, bars, provenance, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            versions.Advance(symbol);
        }

        listener?.BarsWritten(symbol, timeframe, bars);
        return written;
    }

    /// <summary>The inner store's batch write (one transaction where it has one), then every symbol's version.</summary>
    public async Task<int> UpsertManyAsync(Timeframe timeframe, IReadOnlyList<(Symbol Symbol, IReadOnlyList<Bar> Bars)> series, BarProvenance provenance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(series);
        int written;
        try
        {
            written = await inner.UpsertManyAsync(timeframe, series, provenance, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Advance(series);
        }

        Notify(timeframe, series);
        return written;
    }

    /// <summary>The inner store's spanning transaction; versions and the listener move only for what it committed.</summary>
    public async Task<BarsWithRecordsWritten<TFirst, TSecond>?> TryUpsertManyWithRecordsAsync<TFirst, TSecond>(
        Timeframe timeframe,
        IReadOnlyList<(Symbol Symbol, IReadOnlyList<Bar> Bars)> series,
        BarProvenance provenance,
        IRecordStore records,
        IReadOnlyList<RecordEnvelope<TFirst>> first,
        IReadOnlyList<RecordEnvelope<TSecond>> second,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(series);
        var committed = await inner.TryUpsertManyWithRecordsAsync(timeframe, series, provenance, records, first, second, cancellationToken).ConfigureAwait(false);
        if (committed is null)
        {
            return null;
        }

        Advance(series);
        Notify(timeframe, series);
        return committed;
    }

    private void Advance(IReadOnlyList<(Symbol Symbol, IReadOnlyList<Bar> Bars)> series)
    {
        foreach (var (symbol, _) in series)
        {
            versions.Advance(symbol);
        }
    }

    private void Notify(Timeframe timeframe, IReadOnlyList<(Symbol Symbol, IReadOnlyList<Bar> Bars)> series)
    {
        if (listener is not null)
        {
            foreach (var (symbol, bars) in series)
            {
                listener.BarsWritten(symbol, timeframe, bars);
            }
        }
    }

    public Task<BarPage> ReadAsync(BarRangeQuery query, CancellationToken cancellationToken = default) => inner.ReadAsync(query, cancellationToken);

    public Task<IReadOnlyList<BarPage>> ReadManyAsync(IReadOnlyList<BarRangeQuery> queries, CancellationToken cancellationToken = default) =>
        inner.ReadManyAsync(queries, cancellationToken);

    public Task<IReadOnlyList<IReadOnlyList<Bar>>> ReadLastAsync(IReadOnlyList<LastBarsQuery> queries, CancellationToken cancellationToken = default) =>
        inner.ReadLastAsync(queries, cancellationToken);

    public Task<DateTime?> HistoryStartAsync(Symbol symbol, Timeframe timeframe, CancellationToken cancellationToken = default) =>
        inner.HistoryStartAsync(symbol, timeframe, cancellationToken);
}
