using MarketIntel.Core.Indicators;
using MarketIntel.Core.Market;
using MarketIntel.Core.Scanning;
using static MarketIntel.Core.Tests.Scanning.ScanTestData;

namespace MarketIntel.Core.Tests.Scanning;

public sealed class ScanProgramTests
{
    private static void AssertColumn(double[] expected, double[] actual, double tolerance = 1e-9)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            if (double.IsNaN(expected[i]))
            {
                Assert.True(double.IsNaN(actual[i]), $"bar {i}: expected undefined, got {actual[i]}");
            }
            else
            {
                Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])), $"bar {i}: expected {expected[i]}, got {actual[i]}");
            }
        }
    }

    private static double[] BruteSma(double[] x, int period)
    {
        var r = new double[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            if (i < period - 1)
            {
                r[i] = double.NaN;
                continue;
            }

            var s = 0.0;
            for (var j = i - period + 1; j <= i; j++)
            {
                s += x[j];
            }

            r[i] = s / period;
        }

        return r;
    }

    private static double Truth(bool b) => b ? 1 : 0;

    [Fact]
    public void CloseAboveSma_MatchesAHandRolledLoop()
    {
        var s = Reference();
        var sma = BruteSma(s.Bars.Close, 20);
        var expected = new double[s.Count];
        for (var i = 0; i < s.Count; i++)
        {
            expected[i] = double.IsNaN(sma[i]) ? double.NaN : Truth(s.Bars.Close[i] > sma[i]);
        }

        AssertColumn(expected, Eval("close > sma(20)", s));
        AssertColumn(sma, Eval("sma(20)", s));
    }

    [Fact]
    public void Arithmetic_MatchesScalarFormulaBarByBar()
    {
        var s = Reference();
        var b = s.Bars;
        var expected = new double[s.Count];
        for (var i = 0; i < s.Count; i++)
        {
            expected[i] = ((b.Close[i] - b.Open[i]) / (b.High[i] - b.Low[i])) + (-2 * b.Volume[i] / 1e6);
        }

        AssertColumn(expected, Eval("(close - open) / (high - low) + -2 * volume / 1e6", s));
    }

    [Fact]
    public void DivisionByZero_IsUndefinedNotInfinite()
    {
        var s = Reference();
        Assert.All(Eval("close / (close - close)", s), v => Assert.True(double.IsNaN(v)));
        Assert.All(Eval("close / (close - close) > 0 or close / 0 < 0", s), v => Assert.True(double.IsNaN(v)));
    }

    [Theory]
    [InlineData("highest", 1)]
    [InlineData("highest", 7)]
    [InlineData("lowest", 20)]
    [InlineData("avg", 20)]
    [InlineData("sum", 3)]
    [InlineData("avg", 300)]
    public void WindowFunctions_MatchBruteForceIncludingUndefinedInputs(string function, int period)
    {
        var s = Reference();
        // sma(5) is undefined for 4 bars and the division punches undefined holes where close == open.
        var source = Eval("sma(5) + close / (close - open) * 0", s);
        Assert.Contains(source.Skip(10), double.IsNaN);
        var actual = Eval($"{function}(sma(5) + close / (close - open) * 0, {period})", s);
        var expected = new double[s.Count];
        for (var i = 0; i < s.Count; i++)
        {
            expected[i] = double.NaN;
            if (i < period - 1)
            {
                continue;
            }

            var window = source[(i - period + 1)..(i + 1)];
            if (window.Any(double.IsNaN))
            {
                continue;
            }

            expected[i] = function switch
            {
                "highest" => window.Max(),
                "lowest" => window.Min(),
                "avg" => window.Average(),
                _ => window.Sum(),
            };
        }

        AssertColumn(expected, actual);
    }

    [Fact]
    public void Offsets_ShiftBackAndAreUndefinedAtTheStart()
    {
        var s = Reference();
        var rsi = Eval("rsi(14)", s);
        var shifted = Eval("rsi(14)[2]", s);
        for (var i = 0; i < s.Count; i++)
        {
            Assert.Equal(i < 2 ? double.NaN : rsi[i - 2], shifted[i]);
        }

        Assert.Equal(s.Bars.Close[..^5], Eval("close[5]", s)[5..]);
    }

    [Fact]
    public void Crosses_MatchTheTwoBarDefinition()
    {
        var s = Reference();
        var fast = Eval("sma(5)", s);
        var slow = Eval("sma(20)", s);
        var above = Eval("sma(5) crosses_above sma(20)", s);
        var below = Eval("sma(5) crosses_below sma(20)", s);
        var seen = 0;
        for (var i = 0; i < s.Count; i++)
        {
            if (i == 0 || double.IsNaN(slow[i - 1]))
            {
                Assert.True(double.IsNaN(above[i]) && double.IsNaN(below[i]), $"bar {i}");
                continue;
            }

            Assert.Equal(Truth(fast[i] > slow[i] && fast[i - 1] <= slow[i - 1]), above[i]);
            Assert.Equal(Truth(fast[i] < slow[i] && fast[i - 1] >= slow[i - 1]), below[i]);
            seen += (int)above[i];
        }

        Assert.True(seen > 3);
    }

    [Fact]
    public void Logic_IsThreeValued()
    {
        var s = Reference();
        // close[1] > 0 is undefined on bar 0 and true afterwards.
        Assert.Equal(0, Eval("1 < 0 and close[1] > 0", s)[0]);
        Assert.True(double.IsNaN(Eval("1 > 0 and close[1] > 0", s)[0]));
        Assert.Equal(1, Eval("1 > 0 or close[1] > 0", s)[0]);
        Assert.True(double.IsNaN(Eval("1 < 0 or close[1] > 0", s)[0]));
        Assert.True(double.IsNaN(Eval("not close[1] > 0", s)[0]));
        Assert.Equal(0, Eval("not close[1] > 0", s)[1]);
        Assert.Equal(1, Eval("not 1 > 2", s)[0]);
        Assert.Equal(1, Eval("1 == 1 and 1 != 2 and 1 <= 1 and 2 >= 1", s)[0]);
    }

    [Fact]
    public void FriendlyOutputs_ReadTheCatalogColumns()
    {
        var s = Reference();
        var bb = MarketIntel.Core.Indicators.Catalog.IndicatorCatalog.Evaluate("bb_20_2", s.Bars);
        Assert.Equal(bb["lowerBand"].Values, Eval("bb(20,2).lower", s));
        var macd = MarketIntel.Core.Indicators.Catalog.IndicatorCatalog.Evaluate("macd_12_26_9", s.Bars);
        Assert.Equal(macd["histogram"].Values, Eval("macd(12,26,9).histogram", s));
    }

    [Fact]
    public void IndicatorColumns_AreComputedOncePerSymbolAndSpec()
    {
        var s = Reference();
        Eval("rsi(14) > 30 and rsi > rsi(14)[1] and bb.lower < close and bb(20,2).upper > close", s);
        Assert.Equal(2, s.CachedIndicatorCount);
        Eval("rsi(14) < 70", s);
        Assert.Equal(2, s.CachedIndicatorCount);
    }

    [Fact]
    public void DailyValue_ReachesHourlyBarsOnlyOnceTheDayHasClosed()
    {
        // 24/7 hourly bars: the 23:00 bar closes at midnight together with its day.
        var bars = Walk(24 * 6, TimeSpan.FromHours(1), 7);
        var s = new ScanSeries("H", BarSeries.From(bars));
        var actual = Eval("close@1d", s);
        for (var i = 0; i < bars.Count; i++)
        {
            var closeOfBar = bars[i].OpenTime.AddHours(1);
            // The last daily bar whose close (next midnight) is not after this bar's close.
            var lastClosedDay = closeOfBar.Date.AddDays(-1);
            var dayBars = bars.Where(b => b.OpenTime.Date == lastClosedDay).ToList();
            var expected = dayBars.Count == 0 ? double.NaN : dayBars[^1].Close;
            Assert.Equal(expected, actual[i]);
        }

        Assert.Equal(bars[23].Close, actual[23]);
        Assert.True(double.IsNaN(actual[22]));
    }

    [Fact]
    public void DailyIndicator_EqualsTheIndicatorOnResampledBars()
    {
        var bars = Walk(24 * 40, TimeSpan.FromHours(1), 11);
        var daily = BarResampler.Resample(bars, Timeframe.OneDay);
        var rsi = MarketIntel.Core.Indicators.Catalog.IndicatorCatalog.Evaluate("rsi_14", BarSeries.From(daily))["rsi"].Values;
        var actual = Eval("rsi(14)@1d", new ScanSeries("H", BarSeries.From(bars)));
        for (var d = 0; d < daily.Count; d++)
        {
            // The value appears at the day's last hourly bar and stays until the next day's last bar.
            Assert.Equal(rsi[d], actual[(d * 24) + 23]);
            if (d + 1 < daily.Count)
            {
                Assert.Equal(rsi[d], actual[((d + 1) * 24) + 22]);
            }
        }
    }

    [Theory]
    [InlineData("rsi(14)@1d > 50 and close > sma(20)")]
    [InlineData("close@4h crosses_above sma(5)@4h")]
    [InlineData("highest(high, 5)@1d[1] < close and (close > open)@1d")]
    [InlineData("macd(12,26,9).histogram > 0 or avg(volume, 10) < volume[1]")]
    public void Evaluation_AtABarNeverDependsOnLaterBars(string rule)
    {
        var bars = Walk(24 * 12, TimeSpan.FromHours(1), 5);
        var full = Eval(rule, new ScanSeries("H", BarSeries.From(bars), Timeframe.OneHour));
        for (var t = 0; t < bars.Count; t += 7)
        {
            var prefix = Eval(rule, new ScanSeries("H", BarSeries.From(bars.Take(t + 1).ToList()), Timeframe.OneHour));
            Assert.Equal(full[..(t + 1)], prefix);
        }
    }

    [Theory]
    [InlineData("<")]
    [InlineData("<=")]
    [InlineData(">")]
    [InlineData(">=")]
    [InlineData("==")]
    [InlineData("!=")]
    [InlineData("+")]
    [InlineData("-")]
    [InlineData("*")]
    [InlineData("/")]
    public void ConstantOperands_GiveTheSameAsColumnOperands(string op)
    {
        // "close[1] op 220" takes the constant kernels; "close[1] op (220 + close * 0)" the column ones.
        var s = Reference();
        foreach (var k in new[] { "220", "0", "213.15" })
        {
            AssertColumn(Eval($"close[1] {op} (close * 0 + {k})", s), Eval($"close[1] {op} {k}", s), 0);
            AssertColumn(Eval($"(close * 0 + {k}) {op} close[1]", s), Eval($"{k} {op} close[1]", s), 0);
        }
    }

    [Fact]
    public void FinerTimeframeThanTheBars_IsRejected()
    {
        var s = WalkSeries("D", 50, 1);
        var ex = Assert.Throws<ArgumentException>(() => Eval("close@1h > 1", s));
        Assert.Contains("'@1h' cannot be built from 1d bars", ex.Message, StringComparison.Ordinal);
    }
}
