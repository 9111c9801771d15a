using MarketIntel.Core.Indicators;
using MarketIntel.Core.Indicators.Catalog;

namespace MarketIntel.Core.Tests.Indicators;

/// <summary>Truncating the series never changes earlier values, except for the indicators that look ahead by design.</summary>
public sealed class NoLookAheadTests
{
    /// <summary>Specs whose values depend on later bars, and why.</summary>
    private static readonly Dictionary<string, string> LookAhead = new(StringComparer.Ordinal)
    {
        ["dpo_14"] = "compares the close with an SMA centred period/2 + 1 bars later",
        ["fractal_2"] = "a fractal needs the bars after it",
        ["pivots_2_2_20"] = "pivots need the bars after them",
        ["zigzag_close_5"] = "points are confirmed by later reversals",
        ["zigzag_highlow_5"] = "points are confirmed by later reversals",
        ["stdevchannels_20_2"] = "windows are counted back from the last bar",
        ["renkoatr_14_close"] = "the brick size is the last bar's ATR",
    };

    /// <summary>Look-ahead columns of otherwise causal specs.</summary>
    private static readonly Dictionary<string, string[]> LookAheadColumns = new(StringComparer.Ordinal)
    {
        ["ichimoku_9_26_52"] = ["chikouSpan"],
        ["slope_14"] = ["line"],
    };

    public static TheoryData<string> Specs()
    {
        var data = new TheoryData<string>();
        foreach (var spec in ReferenceData.ManifestSpecs())
        {
            if (IndicatorCatalog.TryFind(spec.Split('_')[0], out _) && !LookAhead.ContainsKey(spec))
            {
                data.Add(spec);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void TruncatingTheSeries_NeverChangesEarlierValues(string spec)
    {
        var (evaluated, market) = ReferenceData.Inputs("edge", spec);
        var parsed = IndicatorCatalog.Parse(spec);
        var marketSeries = market is null ? null : BarSeries.From(market.Bars);
        var full = parsed.Evaluate(BarSeries.From(evaluated.Bars), marketSeries);
        var skip = LookAheadColumns.GetValueOrDefault(spec, []);
        foreach (var length in new[] { 40, 133, 401, 799 })
        {
            var part = parsed.Evaluate(BarSeries.From([.. evaluated.Bars.Take(length)]), marketSeries);
            Assert.True(part.RowCount <= full.RowCount);
            foreach (var column in part.Columns)
            {
                if (Array.IndexOf(skip, column.Name) >= 0)
                {
                    continue;
                }

                for (var r = 0; r < part.RowCount; r++)
                {
                    var a = column.Values[r];
                    var b = full[column.Name].Values[r];
                    Assert.True(a.Equals(b), $"{spec}: truncated to {length} bars, row {r} {column.Name} is {a:R}, full series gives {b:R}");
                }
            }
        }
    }
}
