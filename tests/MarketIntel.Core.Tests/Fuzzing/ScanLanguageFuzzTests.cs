using MarketIntel.Core.Indicators;
using MarketIntel.Core.Scanning;
using MarketIntel.Core.Tests.Scanning;

namespace MarketIntel.Core.Tests.Fuzzing;

/// <summary>
/// Scan rules from arbitrary and mutated text: parsing either compiles a program or throws
/// <see cref="ScanSyntaxException"/> pointing at a column of the rule; a program that compiles evaluates on a series
/// without throwing.
/// </summary>
public sealed class ScanLanguageFuzzTests
{
    private static readonly ScanSeries Series = new("FUZZ", BarSeries.From(ScanTestData.Walk(300, TimeSpan.FromHours(1), seed: 7)));

    private static readonly string[] Rules =
    [
        "close > sma(20) and rsi(14) < 30",
        "close crosses_above ema(50) or (volume > 2 * avg(volume, 20) and not close < open)",
        "macd(12, 26, 9).signal[1] < macd(12, 26, 9).macd[1] and close@1d > highest(high, 20)[1]",
        "abs(close - open) / (high - low + 0.0001) > 0.7 and bb(20, 2).upper < close",
        "min(close, open) - max(low[3], low[5]) >= -1.5e3 or sum(volume, 5) == 0",
    ];

    private static readonly string[] Tokens =
    [
        "close", "open", "high", "low", "volume", "sma", "ema", "rsi", "macd", "bb", "highest", "lowest", "avg", "sum", "abs", "min", "max", "and", "or", "not",
        "crosses_above", "crosses_below", "(", ")", "[", "]", ",", ".", "@", "1d", "1h", "5m", "+", "-", "*", "/", ">", "<", ">=", "<=", "==", "!=", "14", "0", "1e9", ".signal", "upper",
    ];

    [Fact]
    public void Rules_CompileOrPointAtAColumn() =>
        Fuzz.NeverCrashes(Fuzz.Text(Rules, Tokens), Run, PointsAtAColumn);

    [Theory]
    [InlineData("")]
    [InlineData("close > 1")]
    [InlineData("macd(112, 26, 9).signal[1] < close")] // parsed, then threw ArgumentOutOfRangeException when run
    public void Regressions(string rule) => Assert.True(Fuzz.Survives(rule, Run, PointsAtAColumn));

    /// <summary>Nesting overflowed the parser's stack (the test host died): now refused with a column.</summary>
    [Theory]
    [InlineData("(", ")")]
    [InlineData("not ", "")]
    [InlineData("-", "")]
    [InlineData("abs(", ")")]
    public void DeepNesting_IsRefusedWithAColumn(string open, string close)
    {
        var rule = string.Concat(Enumerable.Repeat(open, 20_000)) + "close > 1" + string.Concat(Enumerable.Repeat(close, 20_000));
        var ex = Assert.Throws<ScanSyntaxException>(() => ScanProgram.Condition(rule));
        Assert.True(ex.Column >= 1, ex.Message);
    }

    [Fact]
    public void ALongChain_IsRefusedWithAColumn()
    {
        var rule = string.Join(" and ", Enumerable.Repeat("close > 1", 50_000));
        Assert.Throws<ScanSyntaxException>(() => ScanProgram.Condition(rule));
    }

    private static void Run(string rule)
    {
        var program = ScanProgram.Condition(rule);
        program.Evaluate(Series);
    }

    private static bool PointsAtAColumn(Exception ex) => ex is ScanSyntaxException { Column: >= 1 } syntax && syntax.Message.StartsWith("col ", StringComparison.Ordinal);
}
