using MarketIntel.Core.Indicators;
using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Market;

namespace MarketIntel.Api;

/// <summary>
/// Which indicator columns are in price units (drawn over the candles) and which need a pane of their own, found by
/// evaluating every catalog entry once on a synthetic series around 1000: a column whose values stay within half and
/// twice the price is a price overlay. Measured, not listed, so new catalog entries are placed without a second list.
/// </summary>
public static class IndicatorPlacement
{
    private static readonly Lazy<Dictionary<string, HashSet<string>>> Overlays = new(Measure);

    /// <summary>The price-unit columns of a catalog entry (empty for oscillators, volumes and multi-series entries).</summary>
    public static IReadOnlySet<string> OverlayColumns(string indicator) =>
        Overlays.Value.TryGetValue(indicator, out var columns) ? columns : [];

    private static Dictionary<string, HashSet<string>> Measure()
    {
        var bars = new List<Bar>(400);
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < 400; i++)
        {
            var close = 1000 * (1 + (0.02 * Math.Sin(i / 9.0)) + (0.0004 * i));
            var open = i == 0 ? close : bars[i - 1].Close;
            bars.Add(new Bar(start.AddMinutes(i), open, Math.Max(open, close) * 1.002, Math.Min(open, close) * 0.998, close, 1000 + (i % 10 * 100), 10));
        }

        var series = BarSeries.From(bars);
        var result = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var definition in IndicatorCatalog.All)
        {
            var columns = new HashSet<string>(StringComparer.Ordinal);
            result[definition.Name] = columns;
            if (definition.RequiresMarket)
            {
                continue;
            }

            IndicatorOutput output;
            try
            {
                output = IndicatorCatalog.Parse(definition.Name).Evaluate(series);
            }
            catch (ArgumentException)
            {
                continue;
            }

            foreach (var column in output.Columns)
            {
                if (column.Kind != IndicatorColumnKind.Number)
                {
                    continue;
                }

                var values = column.Values.Where(double.IsFinite).ToList();
                if (values.Count > 0 && values.All(v => v is > 500 and < 2000))
                {
                    columns.Add(column.Name);
                }
            }
        }

        return result;
    }
}
