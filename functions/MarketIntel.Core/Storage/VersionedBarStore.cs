using MarketIntel.Core.Market;

namespace MarketIntel.Core.Storage;

/// <summary>
/// An <see cref="IBarStore"/> that advances the symbol's <see cref="BarSeriesVersions"/> after every write, so caches of
/// what was read before it see that they are outdated. The version moves after the write has finished (or failed part
/// way: a store may have written some of the batch), so the next read after <see cref="UpsertAsync"/> returns is a
/// fresh one.
/// </summary>
public sealed class VersionedBarStore(IBarStore inner, BarSeriesVersions versions) : IBarStore
{
    public async Task<int> UpsertAsync(Symbol symbol, Timeframe timeframe, IReadOnlyList<Bar> bars, BarProvenance provenance, CancellationToken cancellationToken = default)
    {
        try
        {
            return await inner.UpsertAsync(symbol, timeframe, bars, provenance, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            versions.Advance(symbol);
        }
    }

    public Task<BarPage> ReadAsync(BarRangeQuery query, CancellationToken cancellationToken = default) => inner.ReadAsync(query, cancellationToken);

    public Task<DateTime?> HistoryStartAsync(Symbol symbol, Timeframe timeframe, CancellationToken cancellationToken = default) =>
        inner.HistoryStartAsync(symbol, timeframe, cancellationToken);
}
