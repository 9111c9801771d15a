using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;

namespace MarketIntel.Pipeline.Activities;

/// <summary>Reads stored bars for analysis: the last N bars before a time, following continuation tokens.</summary>
public static class BarHistory
{
    /// <summary>
    /// The last <paramref name="count"/> bars with open time before <paramref name="untilUtc"/>, oldest first. Reads
    /// back one window per try and doubles it while too few bars come back (series with market hours, weekends, or a
    /// short history), up to <see cref="MaxLookback"/>.
    /// </summary>
    public static async Task<List<Bar>> ReadLastAsync(IBarStore store, Symbol symbol, Timeframe timeframe, int count, DateTime untilUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var span = TimeSpan.FromTicks(Math.Min(timeframe.Ticks * (long)count * 3 / 2, MaxLookback.Ticks));
        while (true)
        {
            var bars = await ReadRangeAsync(store, symbol, timeframe, untilUtc - span, untilUtc, cancellationToken).ConfigureAwait(false);
            if (bars.Count >= count)
            {
                return bars.GetRange(bars.Count - count, count);
            }

            if (span >= MaxLookback)
            {
                return bars;
            }

            span = TimeSpan.FromTicks(Math.Min(span.Ticks * 2, MaxLookback.Ticks));
        }
    }

    /// <summary>How far back <see cref="ReadLastAsync"/> looks at most.</summary>
    public static TimeSpan MaxLookback { get; } = TimeSpan.FromDays(3660);

    /// <summary>Every bar with <c>from &lt;= open time &lt; to</c>, oldest first.</summary>
    public static async Task<List<Bar>> ReadRangeAsync(IBarStore store, Symbol symbol, Timeframe timeframe, DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken = default)
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
}
