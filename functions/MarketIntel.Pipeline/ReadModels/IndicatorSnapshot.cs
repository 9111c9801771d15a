using MarketIntel.Core.Indicators;
using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Market;

namespace MarketIntel.Pipeline.ReadModels;

/// <summary>
/// A symbol's watchlist row: last price, change over the last 24 h of bars (or the bars available), RSI(14),
/// 10-bar rate of change (percent), relative volume (last bar against the mean of the 20 before it), ATR(14) as a fraction of
/// price, and the trend read from EMA(20) against EMA(50). Indicator values come from the catalog, so they are the
/// values a chart or a scan sees; null while an indicator is warming up.
/// </summary>
public sealed record IndicatorSnapshot(
    string Symbol,
    string Timeframe,
    DateTime Time,
    double Close,
    double Change,
    double? Rsi14,
    double? Roc10,
    double? RelativeVolume,
    double? AtrPercent,
    string Trend,
    int Bars)
{
    public static IndicatorSnapshot Compute(string symbol, Timeframe timeframe, IReadOnlyList<Bar> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        if (bars.Count == 0)
        {
            throw new ArgumentException("bars: at least one bar is needed", nameof(bars));
        }

        var series = BarSeries.From(bars);
        var last = bars.Count - 1;
        var dayAgo = bars[last].OpenTime.AddDays(-1);
        var first = 0;
        while (first < last && bars[first].OpenTime < dayAgo)
        {
            first++;
        }

        var ema20 = Last(series, "ema_20");
        var ema50 = Last(series, "ema_50");
        var atr = Last(series, "atr_14");
        double? relativeVolume = null;
        if (last >= 20)
        {
            double sum = 0;
            for (var i = last - 20; i < last; i++)
            {
                sum += series.Volume[i];
            }

            relativeVolume = sum > 0 ? series.Volume[last] / (sum / 20) : null;
        }

        var trend = ema20 is { } fast && ema50 is { } slow ? (fast > slow * 1.0005 ? "up" : fast < slow * 0.9995 ? "down" : "flat") : "unknown";
        return new IndicatorSnapshot(symbol, timeframe.ToString(), bars[last].OpenTime, bars[last].Close, bars[last].Close / bars[first].Close - 1,
            Last(series, "rsi_14"), Last(series, "roc_10", "roc"), relativeVolume, atr / bars[last].Close, trend, bars.Count);
    }

    private static double? Last(BarSeries series, string spec, string? output = null)
    {
        var result = IndicatorCatalog.Evaluate(spec, series);
        var column = output is null ? result.Columns[0] : result[output];
        return column.Count == 0 ? null : column[column.Count - 1];
    }
}
