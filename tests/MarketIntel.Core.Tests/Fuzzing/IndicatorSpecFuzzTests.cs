using MarketIntel.Core.Indicators;
using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Tests.Scanning;

namespace MarketIntel.Core.Tests.Fuzzing;

/// <summary>
/// Indicator specs (<c>name_param..</c>, as the API's <c>spec</c> parameter and the CLI take them) from arbitrary and
/// mutated text: parsing returns a spec or throws <see cref="ArgumentException"/> quoting the spec; a spec that parses
/// evaluates on a short and on an empty series without throwing.
/// </summary>
public sealed class IndicatorSpecFuzzTests
{
    private static readonly BarSeries Series = BarSeries.From(ScanTestData.Walk(120, TimeSpan.FromDays(1), seed: 11));

    private static readonly BarSeries Empty = BarSeries.From([]);

    private static readonly string[] Specs = [.. IndicatorCatalog.All.Select(d => d.Name + (d.RequiresMarket ? "_compare_vs_spy" : string.Empty)), "sma_20", "macd_12_26_9", "bb_20_2", "supertrend_10_3", "ichimoku_9_26_52", "beta_20_compare_vs_spy"];

    private static readonly string[] Tokens = [.. IndicatorCatalog.All.Select(d => d.Name), "_", "1", "14", "0", "-1", "2.5", "compare", "vs", "spy", "close", "sma"];

    [Fact]
    public void Specs_ParseAndEvaluateOrQuoteTheSpec() =>
        Fuzz.NeverCrashes(Fuzz.Text(Specs, Tokens), Run, QuotesTheSpec);

    [Theory]
    [InlineData("")]
    [InlineData("sma_20")]
    [InlineData("macd_112_26_9")] // parsed, then threw ArgumentOutOfRangeException when evaluated
    [InlineData("renkoatr")] // OverflowException on a series shorter than the ATR period
    public void Regressions(string spec) => Assert.True(Fuzz.Survives(spec, Run, QuotesTheSpec));

    [Fact]
    public void ParametersThatContradictEachOther_AreRefusedWhenRead()
    {
        var ex = Assert.Throws<ArgumentException>(() => IndicatorCatalog.Parse("macd_30_12_9"));
        Assert.Contains("spec 'macd_30_12_9'", ex.Message, StringComparison.Ordinal);
        Assert.NotNull(IndicatorCatalog.Parse("macd_12_30_9"));
    }

    [Fact]
    public void RenkoAtr_OnFewerBarsThanItsPeriod_HasNoBricks()
    {
        var output = IndicatorCatalog.Evaluate("renkoatr_14", BarSeries.From(ScanTestData.Walk(5, TimeSpan.FromDays(1), seed: 3)));
        Assert.Empty(output["open"].Values);
    }

    private static void Run(string text)
    {
        var spec = IndicatorCatalog.Parse(text);
        var market = spec.Definition.RequiresMarket;
        spec.Evaluate(Series, market ? Series : null);
        spec.Evaluate(Empty, market ? Empty : null);
    }

    // Parameter errors name the parameter and say what is valid; a name error quotes the spec.
    private static bool QuotesTheSpec(Exception ex) => ex is ArgumentException { Message.Length: > 0 } arg
        && (arg.Message.Contains("spec", StringComparison.Ordinal) || arg.ParamName is { Length: > 0 });
}
