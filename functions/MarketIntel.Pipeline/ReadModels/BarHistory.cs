using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;

namespace MarketIntel.Pipeline.ReadModels;

/// <summary>Reads stored bars for analysis: the last N bars before a time (at most <see cref="MaxLookback"/> back), and ranges.</summary>
public static class BarHistory
{
    /// <summary>
    /// The last <paramref name="count"/> bars with open time before <paramref name="untilUtc"/>, oldest first, looking
    /// back at most <see cref="MaxLookback"/> (<see cref="IBarStore.ReadLastAsync"/>: one seek where the store can, else
    /// widening windows that stop at the series' stored history).
    /// </summary>
    public static async Task<List<Bar>> ReadLastAsync(IBarStore store, Symbol symbol, Timeframe timeframe, int count, DateTime untilUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var read = await store.ReadLastAsync([new LastBarsQuery(symbol, timeframe, Back(untilUtc, MaxLookback.Ticks), untilUtc, count)], cancellationToken).ConfigureAwait(false);
        return [.. read[0]];
    }

    /// <summary>
    /// The last <paramref name="count"/> bars at <paramref name="timeframe"/>: stored ones when that timeframe is
    /// stored, else resampled from the stored <paramref name="storedTimeframe"/> bars (the pipeline ingests one
    /// timeframe; charts and analyses ask for coarser ones). The newest resampled bar may still be forming.
    /// </summary>
    public static async Task<List<Bar>> ReadLastAsync(IBarStore store, Symbol symbol, Timeframe timeframe, Timeframe storedTimeframe, int count, DateTime untilUtc, CancellationToken cancellationToken = default) =>
        [.. (await ReadLastAsync(store, [symbol], timeframe, storedTimeframe, count, untilUtc, cancellationToken).ConfigureAwait(false))[0]];

    /// <summary>
    /// <see cref="ReadLastAsync(IBarStore, Symbol, Timeframe, Timeframe, int, DateTime, CancellationToken)"/> for many
    /// symbols in one store call (plus one for the symbols that must be resampled), in the order given.
    /// A timeframe counts as stored for a symbol when it has a bar within three times the bars asked for before
    /// <paramref name="untilUtc"/>; that test and the read are one query: the newest bars over the wider of that window
    /// and <see cref="MaxLookback"/>, of which only those within <see cref="MaxLookback"/> are kept.
    /// </summary>
    public static async Task<IReadOnlyList<Bar>[]> ReadLastAsync(IBarStore store, IReadOnlyList<Symbol> symbols, Timeframe timeframe, Timeframe storedTimeframe, int count, DateTime untilUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var lookbackStart = Back(untilUtc, MaxLookback.Ticks);
        if (timeframe == storedTimeframe || !timeframe.IsMultipleOf(storedTimeframe))
        {
            return [.. await store.ReadLastAsync([.. symbols.Select(s => new LastBarsQuery(s, timeframe, lookbackStart, untilUtc, count))], cancellationToken).ConfigureAwait(false)];
        }

        var result = new IReadOnlyList<Bar>[symbols.Count];

        var storedWindowStart = Back(untilUtc, timeframe.Ticks * (long)count * 3);
        var own = await store.ReadLastAsync([.. symbols.Select(s => new LastBarsQuery(s, timeframe, Min(lookbackStart, storedWindowStart), untilUtc, count))], cancellationToken).ConfigureAwait(false);
        var resampled = new List<int>();
        for (var i = 0; i < result.Length; i++)
        {
            var bars = own[i];
            if (bars.Count > 0 && bars[^1].OpenTime >= storedWindowStart)
            {
                result[i] = bars[0].OpenTime >= lookbackStart ? bars : [.. bars.Where(b => b.OpenTime >= lookbackStart)];
            }
            else
            {
                resampled.Add(i);
            }
        }

        if (resampled.Count == 0)
        {
            return result;
        }

        var needed = (int)Math.Min(MaxResampledInputBars, timeframe.Ticks / storedTimeframe.Ticks * (long)count);
        var fine = await store.ReadLastAsync([.. resampled.Select(i => new LastBarsQuery(symbols[i], storedTimeframe, lookbackStart, untilUtc, needed))], cancellationToken).ConfigureAwait(false);
        for (var k = 0; k < resampled.Count; k++)
        {
            result[resampled[k]] = Resample(fine[k], timeframe, storedTimeframe, count);
        }

        return result;
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
    public static Task<List<Bar>> ReadRangeAsync(IBarStore store, Symbol symbol, Timeframe timeframe, DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken = default) =>
        BarStoreReads.RangeAsync(store, symbol, timeframe, fromUtc, toUtc, cancellationToken);

    private static List<Bar> Resample(IReadOnlyList<Bar> fine, Timeframe timeframe, Timeframe storedTimeframe, int count)
    {
        var coarse = BarResampler.Resample(fine, timeframe, storedTimeframe);

        // The oldest coarse bar may have lost its first fine bars to the read's start: drop it unless it is all there is.
        if (coarse.Count > 1 && fine.Count > 0 && coarse[0].OpenTime < fine[0].OpenTime)
        {
            coarse.RemoveAt(0);
        }

        return coarse.Count <= count ? coarse : coarse.GetRange(coarse.Count - count, count);
    }

    /// <summary><paramref name="ticks"/> before <paramref name="utc"/>, or the earliest time when that is further back.</summary>
    private static DateTime Back(DateTime utc, long ticks) =>
        ticks >= utc.Ticks ? DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc) : utc.AddTicks(-ticks);

    private static DateTime Min(DateTime a, DateTime b) => a <= b ? a : b;
}
