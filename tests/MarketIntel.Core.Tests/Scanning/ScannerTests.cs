using MarketIntel.Core.Scanning;
using static MarketIntel.Core.Tests.Scanning.ScanTestData;

namespace MarketIntel.Core.Tests.Scanning;

public sealed class ScannerTests
{
    private static ScanSeries[] Universe(int count) =>
        Enumerable.Range(0, count).Select(i => WalkSeries("S" + (count - i).ToString("D4", System.Globalization.CultureInfo.InvariantCulture), 120, i)).ToArray();

    private static string Render(IReadOnlyList<ScanHit> hits) =>
        string.Join('\n', hits.Select(h => $"{h.Time:O} {h.Symbol} {h.BarIndex} {string.Join(' ', h.Values.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))}"));

    [Fact]
    public void Results_AreIdenticalForAnyDegreeOfParallelism()
    {
        var rule = ScanProgram.Condition("rsi(14) < 45 and close > sma(10) or macd(12,26,9).histogram crosses_above 0");
        var terms = ScanTerms.Of(rule.Expression).Select(ScanProgram.Compile).ToArray();
        var runs = new[] { 1, 2, 3, 8 }.Select(d => Render(Scanner.Scan(Universe(150), rule, terms, new ScanOptions { EveryBar = true, MaxDegreeOfParallelism = d }))).ToArray();
        Assert.True(runs[0].Length > 1000);
        Assert.All(runs, r => Assert.Equal(runs[0], r));
    }

    [Fact]
    public void EveryBar_ListsEachTrueBarOrderedByTimeThenSymbol_AndLastBarOnlyTheLast()
    {
        var universe = Universe(20);
        var rule = ScanProgram.Condition("close > open");
        var all = Scanner.Scan(universe, rule, [], new ScanOptions { EveryBar = true });
        var expected = universe
            .SelectMany(s => Enumerable.Range(0, s.Count).Where(i => s.Bars.Close[i] > s.Bars.Open[i]).Select(i => (s.Bars.Time[i], s.Symbol, i)))
            .OrderBy(x => x.Item1).ThenBy(x => x.Symbol, StringComparer.Ordinal)
            .ToList();
        Assert.Equal(expected, all.Select(h => (h.Time, h.Symbol, h.BarIndex)).ToList());

        var last = Scanner.Scan(universe, rule, [], new ScanOptions());
        Assert.Equal(
            universe.Where(s => s.Bars.Close[^1] > s.Bars.Open[^1]).Select(s => s.Symbol).Order(StringComparer.Ordinal),
            last.Select(h => h.Symbol));
        Assert.All(last, h => Assert.Equal(119, h.BarIndex));
    }

    [Fact]
    public void Terms_CarryTheirValuesAtTheHitBar()
    {
        var s = Reference();
        var rule = ScanProgram.Condition("rsi(14) < 40 and close > lowest(low, 10)");
        var termExprs = ScanTerms.Of(rule.Expression);
        Assert.Equal(["rsi(14)", "lowest(low, 10)"], termExprs.Select(t => t.ToString()));
        var hits = Scanner.Scan([s], rule, termExprs.Select(ScanProgram.Compile).ToArray(), new ScanOptions { EveryBar = true });
        var rsi = Eval("rsi(14)", s);
        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.Equal(rsi[h.BarIndex], h.Values[0]));
        Assert.All(hits, h => Assert.True(h.Values[0] < 40));
    }

    [Fact]
    public void Caches_AreReleasedOnceASymbolIsDone()
    {
        var universe = Universe(3);
        Scanner.Scan(universe, ScanProgram.Condition("rsi(14) > 50"), [ScanProgram.Value("rsi(14)")], new ScanOptions { EveryBar = true });
        Assert.All(universe, s => Assert.Equal(0, s.CachedIndicatorCount));
    }

    [Fact]
    public void Failures_RethrowTheFirstSymbolsExceptionUnwrapped()
    {
        var universe = Universe(40);
        for (var degree = 1; degree <= 8; degree *= 2)
        {
            var ex = Assert.Throws<ArgumentException>(() => Scanner.Map(universe, degree, s => s.Symbol.EndsWith('7') ? throw new ArgumentException(s.Symbol) : 0));
            Assert.Equal(universe.First(s => s.Symbol.EndsWith('7')).Symbol, ex.Message);
        }
    }

    [Fact]
    public void UndefinedRule_NeverHits()
    {
        var hits = Scanner.Scan(Universe(5), ScanProgram.Condition("sma(500) > 0 or not sma(500) > 0"), [], new ScanOptions { EveryBar = true });
        Assert.Empty(hits);
    }
}
