using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;

namespace MarketIntel.Pipeline.ReadModels;

/// <summary>Reads stored bars for analysis: the last N bars before a time, following continuation tokens.</summary>
public static class BarHistory
{
    /// <summary>
    /// The last <paramref name="count"/> bars with open time before <paramref name="untilUtc"/>, oldest first. Reads
    /// back one window per try and doubles it while too few bars come back (series with market hours, weekends, or a
    /// gap), up to <see cref="MaxLookback"/>, but never past the series' stored history
    /// (<see cref="IBarStore.HistoryStartAsync"/>): a short history costs one more read, not a walk through ten years
    /// of empty storage periods.
    /// </summary>
    public static async Task<List<Bar>> ReadLastAsync(IBarStore store, Symbol symbol, Timeframe timeframe, int count, DateTime untilUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var span = TimeSpan.FromTicks(Math.Min(timeframe.Ticks * (long)count * 3 / 2, MaxLookback.Ticks));
        DateTime? historyStart = null;
        var historyKnown = false;
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

            span = TimeSpan.FromTicks(Math.Min(Math.Min(span.Ticks * 2, (untilUtc - start).Ticks), MaxLookback.Ticks));
        }
    }

    /// <summary>
    /// The last <paramref name="count"/> bars at <paramref name="timeframe"/>: stored ones when that timeframe is
    /// stored, else resampled from the stored <paramref name="storedTimeframe"/> bars (the pipeline ingests one
    /// timeframe; charts and analyses ask for coarser ones). The newest resampled bar may still be forming.
    /// </summary>
    public static async Task<List<Bar>> ReadLastAsync(IBarStore store, Symbol symbol, Timeframe timeframe, Timeframe storedTimeframe, int count, DateTime untilUtc, CancellationToken cancellationToken = default)
    {
        if (timeframe == storedTimeframe || !timeframe.IsMultipleOf(storedTimeframe))
        {
            return await ReadLastAsync(store, symbol, timeframe, count, untilUtc, cancellationToken).ConfigureAwait(false);
        }

        // One bounded probe decides whether this timeframe is stored, instead of widening an empty search to MaxLookback.
        var probe = await store.ReadAsync(new BarRangeQuery(symbol, timeframe, untilUtc - TimeSpan.FromTicks(timeframe.Ticks * (long)count * 3), untilUtc, 1), cancellationToken).ConfigureAwait(false);
        if (probe.Items.Count > 0)
        {
            return await ReadLastAsync(store, symbol, timeframe, count, untilUtc, cancellationToken).ConfigureAwait(false);
        }

        var needed = (int)Math.Min(MaxResampledInputBars, timeframe.Ticks / storedTimeframe.Ticks * (long)count);
        var fine = await ReadLastAsync(store, symbol, storedTimeframe, needed, untilUtc, cancellationToken).ConfigureAwait(false);
        var coarse = BarResampler.Resample(fine, timeframe, storedTimeframe);

        // The oldest coarse bar may have lost its first fine bars to the read's start: drop it unless it is all there is.
        if (coarse.Count > 1 && fine.Count > 0 && coarse[0].OpenTime < fine[0].OpenTime)
        {
            coarse.RemoveAt(0);
        }

        return coarse.Count <= count ? coarse : coarse.GetRange(coarse.Count - count, count);
    }

    /// <summary>
    /// Bars with <c>from &lt;= open time &lt; to</c> at <paramref name="timeframe"/>: stored ones, else resampled from
    /// the stored <paramref name="storedTimeframe"/> bars of the same range.
    /// </summary>
    public static async Task<List<Bar>> ReadRangeAsync(IBarStore store, Symbol symbol, Timeframe timeframe, Timeframe storedTimeframe, DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken = default)
    {
        var stored = await ReadRangeAsync(store, symbol, timeframe, fromUtc, toUtc, cancellationToken).ConfigureAwait(false);
        if (stored.Count > 0 || timeframe == storedTimeframe || !timeframe.IsMultipleOf(storedTimeframe))
        {
            return stored;
        }

        var from = timeframe.BucketStart(fromUtc);
        var fine = await ReadRangeAsync(store, symbol, storedTimeframe, from, toUtc, cancellationToken).ConfigureAwait(false);
        return BarResampler.Resample(fine, timeframe, storedTimeframe);
    }

    /// <summary>Most stored bars one resampled read takes in.</summary>
    public const int MaxResampledInputBars = 500_000;

    /// <summary>How far back the last-bars reads look at most.</summary>
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
