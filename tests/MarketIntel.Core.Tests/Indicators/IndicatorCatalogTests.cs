using MarketIntel.Core.Indicators;
using MarketIntel.Core.Indicators.Catalog;

namespace MarketIntel.Core.Tests.Indicators;

public sealed class IndicatorCatalogTests
{
    [Fact]
    public void BareName_TakesDefaultParameters()
    {
        var spec = IndicatorCatalog.Parse("macd");
        Assert.Equal([12.0, 26.0, 9.0], spec.Arguments.Values);
        Assert.Equal(25, spec.WarmUp);
    }

    [Theory]
    [InlineData("psar_0.02_0.2", "psar", 0.2)]
    [InlineData("zigzag_close_5", "zigzag", 5.0)]
    [InlineData("renko_1.0_close", "renko", 0.0)]
    [InlineData("PivotPoints_Month_Standard", "pivotpoints", 0.0)]
    [InlineData("beta_50_compare_vs_default", "beta", 50.0)]
    public void Spec_ParsesNameAndParameters(string text, string name, double last)
    {
        var spec = IndicatorCatalog.Parse(text);
        Assert.Equal(name, spec.Definition.Name);
        Assert.Equal(last, spec.Arguments.Values[^1]);
    }

    [Theory]
    [InlineData("sma_0", "period")]
    [InlineData("bb_20_-1", "deviations")]
    [InlineData("stoch_14_3_0", "smooth")]
    [InlineData("kama_10_2_1.5", "slow")]
    public void OutOfRangeParameter_ThrowsNamingIt(string text, string parameter)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => IndicatorCatalog.Parse(text));
        Assert.Equal(parameter, ex.ParamName);
    }

    [Fact]
    public void Arguments_ValidatesRanges()
    {
        IndicatorCatalog.TryFind("ema", out var ema);
        Assert.Throws<ArgumentOutOfRangeException>("period", () => IndicatorCatalog.Arguments(ema, 0));
        Assert.Equal(5, IndicatorCatalog.Arguments(ema, 5).Int(0));
    }

    [Fact]
    public void Definitions_HaveUniqueNamesAndProduceExactlyTheirOutputs()
    {
        var series = ReferenceData.Series("default.csv");
        var market = ReferenceData.Series("compare.csv");
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in IndicatorCatalog.All)
        {
            Assert.True(names.Add(d.Name), d.Name);
            var output = IndicatorCatalog.Parse(d.Name).Evaluate(series, market);
            var produced = output.Columns.Select(c => c.Name).Order(StringComparer.Ordinal);
            Assert.Equal(d.Outputs.Order(StringComparer.Ordinal), produced);
            Assert.All(output.Columns, c => Assert.Equal(output.RowCount, c.Count));
        }
    }

    [Fact]
    public void Evaluate_GivesNullableColumnsWithNullWarmUp()
    {
        var columns = IndicatorCatalog.Evaluate("sma_3", ReferenceData.Series("default.csv")).ToNullableColumns();
        var sma = columns["sma"];
        Assert.Null(sma[1]);
        Assert.Equal((212.8 + 214.06 + 213.89) / 3, sma[2]!.Value, 1e-12);
    }

    [Fact]
    public void NonPositivePrice_IsRejectedNamingTheBar()
    {
        var bars = RandomBars.Create(3, 10);
        bars[4] = bars[4] with { Low = 0 };
        var ex = Assert.Throws<ArgumentException>(() => BarSeries.From(bars));
        Assert.Contains("bar 4", ex.Message, StringComparison.Ordinal);
    }
}
