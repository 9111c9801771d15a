using MarketIntel.Core.Backtesting;
using MarketIntel.Core.Indicators;
using MarketIntel.Core.Market;
using MarketIntel.Core.Scanning;
using MarketIntel.Core.Tests.Indicators;
using MarketIntel.Core.Tests.Scanning;

namespace MarketIntel.Core.Tests.Backtesting;

/// <summary>
/// Corrupting every bar after t (random prices and volumes in place of the real ones) must not change any decision
/// made at or before t, nor the equity curve up to t.
/// </summary>
public sealed class NoLookAheadTests
{
    private static List<Bar> Corrupt(IReadOnlyList<Bar> bars, int t, int seed)
    {
        var random = new Random(seed);
        var result = bars.ToList();
        for (var i = t + 1; i < result.Count; i++)
        {
            var open = 1 + (random.NextDouble() * 500);
            var close = 1 + (random.NextDouble() * 500);
            result[i] = new Bar(result[i].OpenTime, open, Math.Max(open, close) + random.NextDouble(), Math.Min(open, close) * 0.9, close, random.Next(1, 10_000_000));
        }

        return result;
    }

    public static TheoryData<string> Strategies() => [.. StrategyCatalog.Names];

    [Theory]
    [MemberData(nameof(Strategies))]
    public void CorruptingLaterBars_NeverChangesEarlierDecisions(string name)
    {
        var bars = ReferenceData.QuoteFile("default.csv").Bars;
        var strategy = StrategyCatalog.Create(name, name == "bb-squeeze" ? new Dictionary<string, double> { ["lookback"] = 40 } : null);
        AssertNoLookAhead(bars, strategy, Timeframe.OneDay, step: 23);
    }

    [Fact]
    public void MultiTimeframeRule_NeverReadsTheUnfinishedDay()
    {
        var bars = ScanTestData.Walk(24 * 30, TimeSpan.FromHours(1), 3);
        var strategy = new RuleStrategy("mtf", TradeSide.Long, "rsi(14)@1d > 50 and close > highest(high, 5)@1d[1] * 0.98", "close < sma(10)@4h");
        AssertNoLookAhead(bars, strategy, Timeframe.OneHour, step: 13);
    }

    [Fact]
    public void Harness_CatchesAStrategyThatPeeksOneBarAhead()
    {
        var bars = ReferenceData.QuoteFile("default.csv").Bars;
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertNoLookAhead(bars, new PeekingStrategy(), Timeframe.OneDay, step: 23));
    }

    /// <summary>Enters when tomorrow closes higher: the cheat the test must catch.</summary>
    private sealed class PeekingStrategy : ITradingStrategy
    {
        public string Name => "peek";

        public TradeSide Side => TradeSide.Long;

        public StrategySignals Signals(ScanSeries series)
        {
            var c = series.Bars.Close;
            var entry = new double[c.Length];
            var exit = new double[c.Length];
            for (var i = 0; i + 1 < c.Length; i++)
            {
                entry[i] = c[i + 1] > c[i] ? 1 : 0;
                exit[i] = 1 - entry[i];
            }

            return new StrategySignals(entry, exit);
        }
    }

    private static void AssertNoLookAhead(IReadOnlyList<Bar> bars, ITradingStrategy strategy, Timeframe timeframe, int step)
    {
        var options = new BacktestOptions { Sizer = PositionSizers.PercentOfEquity(0.5), Commission = CommissionModels.PerFill(1) };
        var full = BacktestEngine.Run([new ScanSeries("X", BarSeries.From(bars), timeframe)], strategy, options);
        Assert.True(full.Decisions.Count >= 2, $"{strategy.Name} should decide something on this data");
        for (var t = 30; t < bars.Count - 1; t += step)
        {
            var cut = bars[t].OpenTime;
            var corrupted = BacktestEngine.Run([new ScanSeries("X", BarSeries.From(Corrupt(bars, t, t)), timeframe)], strategy, options);
            Assert.Equal(full.Decisions.Where(d => d.Time <= cut), corrupted.Decisions.Where(d => d.Time <= cut));
            Assert.Equal(full.Equity.Where(p => p.Time <= cut), corrupted.Equity.Where(p => p.Time <= cut));
        }
    }
}
