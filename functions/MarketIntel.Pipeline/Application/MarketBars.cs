using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using MarketIntel.Pipeline.ReadModels;
using MarketIntel.Pipeline.Scheduling;

namespace MarketIntel.Pipeline.Application;

/// <summary>
/// Bars for charts and analyses at any timeframe: stored ones where the timeframe is stored, else resampled from the
/// pipeline's ingested timeframe (<see cref="PipelineSettings.Timeframe"/>; the newest resampled bar may be forming).
/// </summary>
public sealed class MarketBars(IBarStore bars, PipelineSettings settings)
{
    /// <summary>The timeframe the pipeline ingests; coarser ones that are multiples of it can be resampled.</summary>
    public Timeframe Ingested => settings.Timeframe;

    /// <summary>The last <paramref name="count"/> bars opening before <paramref name="untilUtc"/>, oldest first.</summary>
    public Task<List<Bar>> LastAsync(Symbol symbol, Timeframe timeframe, int count, DateTime untilUtc, CancellationToken cancellationToken) =>
        BarHistory.ReadLastAsync(bars, symbol, timeframe, settings.Timeframe, count, untilUtc, cancellationToken);

    /// <summary>
    /// One page (at most <paramref name="limit"/> bars) of <c>from &lt;= open time &lt; to</c>, and the token of the next
    /// page. A timeframe with no stored bars in the range is resampled from the ingested one (first page only: a
    /// resampled range is read whole and cut to the limit).
    /// </summary>
    public async Task<(List<Bar> Bars, string? ContinuationToken)> PageAsync(
        Symbol symbol, Timeframe timeframe, DateTime fromUtc, DateTime toUtc, int limit, string? continuationToken, CancellationToken cancellationToken)
    {
        var page = await bars.ReadAsync(new BarRangeQuery(symbol, timeframe, fromUtc, toUtc, limit, continuationToken), cancellationToken).ConfigureAwait(false);
        var found = page.Items.Select(i => i.Bar).ToList();
        if (found.Count == 0 && continuationToken is null && IsResampled(timeframe))
        {
            found = await BarHistory.ReadRangeAsync(bars, symbol, timeframe, settings.Timeframe, fromUtc, toUtc, cancellationToken).ConfigureAwait(false);
            if (found.Count > limit)
            {
                found.RemoveRange(limit, found.Count - limit);
            }
        }

        return (found, page.ContinuationToken);
    }

    /// <summary>Whether bars of <paramref name="timeframe"/> may be built from the ingested timeframe's.</summary>
    public bool IsResampled(Timeframe timeframe) => timeframe != settings.Timeframe && timeframe.IsMultipleOf(settings.Timeframe);
}
