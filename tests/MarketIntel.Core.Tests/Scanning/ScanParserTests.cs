using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Scanning;

namespace MarketIntel.Core.Tests.Scanning;

public sealed class ScanParserTests
{
    [Theory]
    [InlineData("RSI(14) < 30", "rsi(14) < 30")]
    [InlineData("rsi < 30", "rsi(14) < 30")]
    [InlineData("macd(12,26,9).histogram > 0", "macd(12,26,9).histogram > 0")]
    [InlineData("macd(12, 26, 9).hist > 0", "macd(12,26,9).histogram > 0")]
    [InlineData("close < bb(20,2).lower", "close < bb(20,2).lowerBand")]
    [InlineData("close > bb(20, 2).upper", "close > bb(20,2).upperBand")]
    [InlineData("close > bb(20,2).middle + keltner.mid", "close > bb(20,2) + keltner(20,2,10).centerline")]
    [InlineData("close > donchian(20).mid[1]", "close > donchian(20).centerline[1]")]
    [InlineData("close[1] > rsi(14)[2]", "close[1] > rsi(14)[2]")]
    [InlineData("close[0] > open", "close > open")]
    [InlineData("(close - open) / (high - low) > 0.5", "(close - open) / (high - low) > 0.5")]
    [InlineData("close - (open - low) > 1", "close - (open - low) > 1")]
    [InlineData("close - open - low > 1", "close - open - low > 1")]
    [InlineData("-close + 2 * -open < 3", "-close + 2 * -open < 3")]
    [InlineData("close > highest(high, 20)[1]", "close > highest(high, 20)[1]")]
    [InlineData("volume > 2 * avg(volume, 20)", "volume > 2 * avg(volume, 20)")]
    [InlineData("ema(12) crosses_above ema(26)", "ema(12) crosses_above ema(26)")]
    [InlineData("rsi(14)@1d > 50", "rsi(14)@1d > 50")]
    [InlineData("(close > sma(20))@1w", "(close > sma(20))@1w")]
    [InlineData("not close > open or volume > 1e6", "not close > open or volume > 1000000")]
    [InlineData("not (close > open or volume > 5)", "not (close > open or volume > 5)")]
    [InlineData("chandelier(22,3,short) > close", "chandelier(22,3,short) > close")]
    [InlineData("obv > obv[5]", "obv > obv[5]")]
    [InlineData("abs(close - open) > max(1, min(high - low, 2))", "abs(close - open) > max(1, min(high - low, 2))")]
    public void Parse_PrintsTheCanonicalForm(string rule, string canonical)
    {
        var expr = ScanParser.Parse(rule);
        Assert.Equal(canonical, expr.ToString());
        Assert.Equal(canonical, ScanParser.Parse(canonical).ToString());
    }

    [Fact]
    public void Precedence_OrIsLoosestThenAndThenNotThenComparison()
    {
        var e = ScanParser.Parse("not close > open and volume > 1 or low < 2");
        var or = Assert.IsType<ScanExpr.Binary>(e);
        Assert.Equal(ScanOperator.Or, or.Operator);
        var and = Assert.IsType<ScanExpr.Binary>(or.Left);
        Assert.Equal(ScanOperator.And, and.Operator);
        var not = Assert.IsType<ScanExpr.Unary>(and.Left);
        Assert.Equal(ScanOperator.Not, not.Operator);
        Assert.Equal(ScanOperator.Greater, Assert.IsType<ScanExpr.Binary>(not.Operand).Operator);
    }

    [Fact]
    public void Precedence_ProductBindsTighterThanSumAndSubtractionIsLeftAssociative()
    {
        var e = Assert.IsType<ScanExpr.Binary>(ScanParser.Parse("1 - 2 - 3 * 4"));
        Assert.Equal(ScanOperator.Subtract, e.Operator);
        Assert.Equal(ScanOperator.Multiply, Assert.IsType<ScanExpr.Binary>(e.Right).Operator);
        var left = Assert.IsType<ScanExpr.Binary>(e.Left);
        Assert.Equal(ScanOperator.Subtract, left.Operator);
        Assert.Equal(1, Assert.IsType<ScanExpr.Number>(left.Left).Value);
    }

    [Fact]
    public void PostfixOrder_OffsetBeforeTimeframeShiftsCoarseBars()
    {
        var a = Assert.IsType<ScanExpr.OnTimeframe>(ScanParser.Parse("rsi(14)[1]@1d"));
        Assert.IsType<ScanExpr.Offset>(a.Inner);
        var b = Assert.IsType<ScanExpr.Offset>(ScanParser.Parse("rsi(14)@1d[1]"));
        Assert.IsType<ScanExpr.OnTimeframe>(b.Inner);
    }

    [Fact]
    public void IndicatorArguments_FillDefaultsAndShareTheSpecKey()
    {
        var a = Assert.IsType<ScanExpr.Indicator>(ScanParser.Parse("bb"));
        var b = Assert.IsType<ScanExpr.Indicator>(ScanParser.Parse("bb(20).upper"));
        Assert.Equal("bb_20_2", a.SpecKey);
        Assert.Equal(a.SpecKey, b.SpecKey);
        Assert.Equal([20.0, 2.0], a.Spec.Arguments.Values);
        Assert.Equal("upperBand", b.Output);
    }

    [Theory]
    [InlineData("close > 0 and rsx(14) < 30", 15, "unknown indicator 'rsx'; did you mean 'rsi'?")]
    [InlineData("clsoe > open", 1, "unknown name 'clsoe'; did you mean 'close'?")]
    [InlineData("close > sma(20) and zzzzzz(3) > 1", 21, "unknown indicator 'zzzzzz'; fields are")]
    [InlineData("rsi(0) > 3", 5, "rsi period: '0' is not valid")]
    [InlineData("rsi(14, 3) > 3", 9, "rsi takes 1 parameter(s)")]
    [InlineData("bb(20,2).lowr > close", 10, "bb has no output 'lowr'; outputs are sma, upperBand, lowerBand")]
    [InlineData("close > open > low", 14, "comparisons cannot be chained")]
    [InlineData("close and volume > 1", 1, "'and' joins conditions, but 'close' is a number")]
    [InlineData("close > (open < low)", 10, "'>' needs numbers, but 'open < low' is a condition")]
    [InlineData("not close", 5, "'not' needs a condition")]
    [InlineData("close > ", 9, "expected a value but found end of rule")]
    [InlineData("(close > open", 14, "expected ')' but found end of rule")]
    [InlineData("close > open)", 13, "unexpected ')' after a complete expression")]
    [InlineData("close = open", 7, "'=' is not an operator; compare with '=='")]
    [InlineData("close > open && 1 > 0", 14, "use 'and', 'or', 'not'")]
    [InlineData("close > 2atr(14)", 9, "'2atr' is not a number")]
    [InlineData("close@1x > 1", 7, "'1x' is not a timeframe")]
    [InlineData("close[-1] > 1", 7, "expected a whole number of bars but found '-'")]
    [InlineData("close[1.5] > 1", 7, "an offset is a whole number of bars")]
    [InlineData("highest(high) > 1", 13, "expected ',' and a period but found ')'")]
    [InlineData("highest(high, 0) > 1", 15, "the period is a whole number")]
    [InlineData("close.upper > 1", 6, "'.' names an output of an indicator call")]
    [InlineData("close > open and", 17, "expected a value but found end of rule")]
    [InlineData("close > open $", 14, "unexpected character '$'")]
    [InlineData("", 1, "the rule is empty")]
    public void Errors_SayWhatAndWhere(string rule, int column, string message)
    {
        var ex = Assert.Throws<ScanSyntaxException>(() => ScanParser.ParseCondition(rule));
        Assert.Equal(column, ex.Column);
        Assert.StartsWith($"col {column}: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseCondition_RejectsANumberAndParseValue_RejectsACondition()
    {
        Assert.Contains("a rule must be a condition", Assert.Throws<ScanSyntaxException>(() => ScanParser.ParseCondition("close - 2 * atr(14)")).Message, StringComparison.Ordinal);
        Assert.Contains("expected a number", Assert.Throws<ScanSyntaxException>(() => ScanParser.ParseValue("close > 1")).Message, StringComparison.Ordinal);
        Assert.Equal(ScanValueType.Number, ScanParser.ParseValue("close - 2 * atr(14)").Type);
    }

    [Fact]
    public void EveryCatalogOutput_ResolvesToItselfByNameInAnyCase()
    {
        foreach (var d in IndicatorCatalog.All)
        {
            foreach (var o in d.Outputs)
            {
                Assert.True(ScanOutputNames.TryResolve(d, o.ToUpperInvariant(), out var column), $"{d.Name}.{o}");
                Assert.Equal(o, column);
            }
        }
    }

    [Fact]
    public void EveryCatalogIndicator_ParsesWithDefaultsAndEveryOutput()
    {
        foreach (var d in IndicatorCatalog.All.Where(d => !d.RequiresMarket))
        {
            foreach (var o in d.Outputs)
            {
                var e = Assert.IsType<ScanExpr.Indicator>(ScanParser.Parse(d.Name + "." + o));
                Assert.Equal(o, e.Output);
                Assert.Equal(e.ToString(), ScanParser.Parse(e.ToString()).ToString());
            }
        }
    }

    [Theory]
    [InlineData("supertrend", "upper", "upperBand")]
    [InlineData("keltner", "middle", "centerline")]
    [InlineData("stdev", "mid", "mean")]
    [InlineData("bb", "z", "zScore")]
    [InlineData("bb", "percent", "percentB")]
    [InlineData("stoch", "osc", "oscillator")]
    public void FriendlyOutputNames_MapToCatalogColumns(string indicator, string friendly, string column)
    {
        Assert.True(IndicatorCatalog.TryFind(indicator, out var d));
        Assert.True(ScanOutputNames.TryResolve(d, friendly, out var resolved));
        Assert.Equal(column, resolved);
    }

    [Fact]
    public void AmbiguousPrefix_IsNotResolved()
    {
        Assert.True(IndicatorCatalog.TryFind("adx", out var d));
        Assert.False(ScanOutputNames.TryResolve(d, "ad", out _));
    }
}
