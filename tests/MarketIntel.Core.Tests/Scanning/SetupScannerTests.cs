using System.Globalization;
using MarketIntel.Core.Backtesting;
using MarketIntel.Core.Indicators;
using MarketIntel.Core.Market;
using MarketIntel.Core.Regimes;
using MarketIntel.Core.Scanning;
using static MarketIntel.Core.Tests.Scanning.ScanTestData;

namespace MarketIntel.Core.Tests.Scanning;

public sealed class SetupScannerTests
{
    private static ScanDefinition Definition(string entry = "close > sma(20) and rsi(14) > 50", string stop = "close - 2 * atr(14)") => new()
    {
        Name = "t",
        Entry = entry,
        Setup = new SetupTemplate { Stop = stop, TargetR = 2, Horizon = 10 },
    };

    private static ScanSeries[] Universe(int n, int bars = 150) =>
        Enumerable.Range(0, n).Select(i => WalkSeries("S" + i.ToString("D3", CultureInfo.InvariantCulture), bars, 100 + i)).ToArray();

    private static string Render(ScanReport r) => string.Join('\n', r.History.Concat(r.Current).Select(s =>
        string.Create(CultureInfo.InvariantCulture, $"{s.Symbol} {s.Time:O} {s.Entry:R} {s.Stop:R} {s.Score:R} {s.Outcome.R:R} {s.Overlapping}"))) + r.Statistics;

    [Fact]
    public void Results_AreIdenticalForAnyDegreeOfParallelism()
    {
        var universe = Universe(60);
        var one = Render(SetupScanner.Run(Definition(), universe, 1));
        Assert.Equal(one, Render(SetupScanner.Run(Definition(), Universe(60), 4)));
        Assert.Equal(one, Render(SetupScanner.Run(Definition(), Universe(60), 16)));
    }

    [Fact]
    public void RegimeAgreement_OfEverySetup_IsTheFuzzyTrendScoreOfAllItsClosesAtTheSignalBar()
    {
        // The scorer evaluates the regime only at signal bars, over the slice its windows read: it must equal the column.
        foreach (var side in new[] { TradeSide.Long, TradeSide.Short })
        {
            var universe = Universe(12, bars: 300);
            var definition = Definition("close > sma(10)") with { Setup = new SetupTemplate { Side = side, Stop = side == TradeSide.Long ? "close - 2 * atr(14)" : "close + 2 * atr(14)", TargetR = 2, Horizon = 10 } };
            var report = SetupScanner.Run(definition, universe);

            Assert.Contains(report.History, s => s.BarIndex < 50);
            Assert.Contains(report.History, s => s.BarIndex >= 50);
            var sign = side == TradeSide.Long ? 1 : -1;
            foreach (var setup in report.History)
            {
                var regime = FuzzyTrendScore.Compute(universe.Single(u => u.Symbol == setup.Symbol).Bars.Close)[setup.BarIndex];
                var component = setup.Components.Single(c => c.Name == "regimeAgreement");
                if (regime is not { } t)
                {
                    Assert.True(double.IsNaN(component.Raw));
                    continue;
                }

                Assert.Equal(sign * (t.Bullish - t.Bearish), component.Raw);
                Assert.Equal((side == TradeSide.Long ? t.Bullish : t.Bearish) + (0.5 * t.Neutral), component.Value);
            }
        }
    }

    [Fact]
    public void EverySignalWithAValidStop_BecomesASetupWithItsLevels()
    {
        var s = Reference();
        var report = SetupScanner.Run(Definition(), [s]);
        var rule = Eval("close > sma(20) and rsi(14) > 50", s);
        var stop = Eval("close - 2 * atr(14)", s);
        var expected = Enumerable.Range(0, s.Count).Where(i => rule[i] == 1 && s.Bars.Close[i] - stop[i] > 0).ToList();
        Assert.Equal(expected, report.History.Select(x => x.BarIndex));
        foreach (var x in report.History)
        {
            var close = s.Bars.Close[x.BarIndex];
            Assert.Equal(close, x.Entry);
            Assert.Equal(stop[x.BarIndex], x.Stop);
            Assert.Equal(close - stop[x.BarIndex], x.RiskPerShare, 12);
            Assert.Equal(close + (2 * x.RiskPerShare), x.Target, 12);
            Assert.InRange(x.Score, 0, 100);
            Assert.Equal(["signalStrength", "momentum", "relativeVolume", "liquidity", "regimeAgreement"], x.Components.Select(c => c.Name));
            Assert.Equal(OutcomeTracker.Track(s.Bars, x.BarIndex, TradeSide.Long, x.Entry, x.Stop, x.Target, 10), x.Outcome);
        }
    }

    [Fact]
    public void ScoreComponents_MatchTheirDefinitionsByHand()
    {
        var s = Reference();
        var report = SetupScanner.Run(Definition("close > sma(20)"), [s]);
        var sma = Eval("sma(20)", s);
        var atr = Eval("atr(14)", s);
        var b = s.Bars;
        var regime = FuzzyTrendScore.Compute(b.Close);
        foreach (var x in report.History.Where(x => x.BarIndex >= 21))
        {
            var i = x.BarIndex;
            var m = (b.Close[i] - sma[i]) / atr[i];
            var rv = b.Volume[i] / b.Volume[(i - 20)..i].Average();
            var dv = Enumerable.Range(i - 19, 20).Average(j => b.Close[j] * b.Volume[j]);
            var momentum = (b.Close[i] / b.Close[i - 20]) - 1;
            var agreement = regime[i] is { } r ? r.Bullish + (0.5 * r.Neutral) : 0.5;
            double[] values = [m / (1 + m), 0.5 + (0.5 * Math.Tanh(momentum / 0.1)), rv / (1 + rv), Math.Clamp((Math.Log10(dv) - 5) / 4, 0, 1), agreement];
            Assert.Equal(values, x.Components.Select(c => c.Value), new ToleranceComparer(1e-9));
            Assert.Equal(100 * ((0.3 * values[0]) + (0.2 * values[1]) + (0.2 * values[2]) + (0.15 * values[3]) + (0.15 * values[4])), x.Score, 9);
        }
    }

    [Fact]
    public void Ranking_IsScoreThenSymbolThenTime()
    {
        var t0 = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        TradeSetup Make(string symbol, int day, double score) =>
            new("t", symbol, t0.AddDays(day), day, TradeSide.Long, 10, 9, 12, 1, score, [], new SetupOutcome(0, 0, 0, 0, 0, OutcomeExit.Open, 0, double.NaN, double.NaN), false);
        TradeSetup[] setups = [Make("B", 1, 50), Make("A", 2, 50), Make("C", 0, 70), Make("A", 1, 50), Make("B", 0, 40)];
        var ranked = SetupScanner.Rank(setups.Reverse());
        Assert.Equal(["C0", "A1", "A2", "B1", "B0"], ranked.Select(x => x.Symbol + x.BarIndex));
        Assert.Equal(ranked, SetupScanner.Rank(setups));
    }

    [Fact]
    public void Filters_DropCheapAndIlliquidSymbols()
    {
        var cheap = new ScanSeries("CHEAP", BarSeries.From(Walk(150, TimeSpan.FromDays(1), 3, start: 2)));
        var rich = WalkSeries("RICH", 150, 3);
        var withPrice = Definition() with { Filters = new ScanFilters { MinPrice = 5 } };
        var report = SetupScanner.Run(withPrice, [cheap, rich]);
        Assert.DoesNotContain(report.History, x => x.Symbol == "CHEAP");
        Assert.Contains(report.History, x => x.Symbol == "RICH");
        Assert.All(report.History, x => Assert.True(x.Entry >= 5));

        // The walks trade about 50,000 units a bar: at ~100 that is ~5m of dollar volume, far below 1bn.
        var illiquid = Definition() with { Filters = new ScanFilters { MinAverageDollarVolume = 1e9 } };
        Assert.Empty(SetupScanner.Run(illiquid, [rich]).History);
    }

    [Fact]
    public void Universe_LimitsSymbolsAndReportsMissingOnes()
    {
        var report = SetupScanner.Run(Definition() with { Universe = ["S001", "ZZZ"] }, Universe(3));
        Assert.All(report.History, x => Assert.Equal("S001", x.Symbol));
        Assert.Equal(["ZZZ"], report.MissingSymbols);
    }

    [Fact]
    public void StopOnTheWrongSide_IsCountedAndDropped()
    {
        var report = SetupScanner.Run(Definition(stop: "close + atr(14)"), [Reference()]);
        Assert.Empty(report.History);
        Assert.True(report.InvalidStops > 10);
    }

    [Fact]
    public void Timeframe_ResamplesToClosedCoarseBarsOnly()
    {
        var hourly = new ScanSeries("H", BarSeries.From(Walk((24 * 40) + 5, TimeSpan.FromHours(1), 9)));
        var daily = hourly.Resampled(Timeframe.OneDay);
        Assert.Equal(40, daily.Count);
        var report = SetupScanner.Run(Definition("close > open") with { Timeframe = "1d" }, [hourly]);
        Assert.NotEmpty(report.History);
        Assert.All(report.History, x => Assert.Equal(TimeSpan.Zero, x.Time.TimeOfDay));
        Assert.All(report.History, x => Assert.True(x.BarIndex < 40));
    }

    [Fact]
    public void Current_IsTheLastBarsSetupsRanked()
    {
        var report = SetupScanner.Run(Definition("close > 0"), Universe(8));
        Assert.Equal(8, report.Current.Count);
        Assert.All(report.Current, x => Assert.Equal(149, x.BarIndex));
        Assert.Equal(SetupScanner.Rank(report.Current), report.Current);
        Assert.True(report.History.Count(x => !x.Overlapping) < report.History.Count);
    }

    [Fact]
    public void SetupsAndScores_NeverDependOnLaterBars()
    {
        var bars = Walk(260, TimeSpan.FromDays(1), 21);
        var definition = Definition("close > sma(10)");
        var full = SetupScanner.Run(definition, [new ScanSeries("X", BarSeries.From(bars))]).History;
        Assert.True(full.Count > 20);
        var random = new Random(5);
        for (var t = 60; t < bars.Count; t += 37)
        {
            var corrupted = bars.Select((b, i) => i <= t ? b : b with { Close = b.Close * (0.5 + random.NextDouble()), Volume = random.Next(1, 1_000_000) })
                .Select(b => b with { High = Math.Max(b.High, b.Close), Low = Math.Min(b.Low, b.Close) }).ToList();
            var again = SetupScanner.Run(definition, [new ScanSeries("X", BarSeries.From(corrupted))]).History;
            static string Decision(TradeSetup x) => string.Create(CultureInfo.InvariantCulture, $"{x.BarIndex} {x.Entry:R} {x.Stop:R} {x.Target:R} {x.Score:R} {string.Join(' ', x.Components.Select(c => c.Value.ToString("R", CultureInfo.InvariantCulture)))}");
            Assert.Equal(full.Where(x => x.BarIndex <= t).Select(Decision), again.Where(x => x.BarIndex <= t).Select(Decision));
        }
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
