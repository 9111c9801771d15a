using MarketIntel.Core.Backtesting;
using MarketIntel.Core.Indicators;
using MarketIntel.Core.Market;
using MarketIntel.Core.Scanning;

namespace MarketIntel.Core.Tests.Backtesting;

public sealed class BacktestEngineTests
{
    private static readonly DateTime Day0 = new(2024, 3, 4, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Bar 1 closes at 11 (enter), bar 3 closes at 9 (exit), bar 5 closes at 11.5 but is the last bar.</summary>
    private static ScanSeries Six(string symbol = "X", int dayOffset = 0)
    {
        (double O, double H, double L, double C)[] ohlc =
        [
            (10, 10.5, 9.5, 10),
            (10, 11.5, 9.8, 11),
            (11.2, 12, 11, 12),
            (12, 12.5, 8.5, 9),
            (8.8, 9.5, 8.5, 9.2),
            (9.2, 11.5, 9, 11.5),
        ];
        var bars = ohlc.Select((b, i) => new Bar(Day0.AddDays(i + dayOffset), b.O, b.H, b.L, b.C, 1000)).ToList();
        return new ScanSeries(symbol, BarSeries.From(bars));
    }

    private static readonly RuleStrategy LongRule = new("t", TradeSide.Long, "close >= 11", "close <= 9");

    private static BacktestOptions Costs(IFillModel? fill = null) => new()
    {
        Fill = fill ?? FillModels.NextOpen,
        Commission = CommissionModels.PerFill(1),
        Slippage = SlippageModels.Fraction(0.01),
        Sizer = PositionSizers.Fixed(10),
    };

    [Fact]
    public void Long_FillsAtNextOpenWithCosts_HandComputed()
    {
        var r = BacktestEngine.Run([Six()], LongRule, Costs());
        var t = Assert.Single(r.Trades);
        Assert.Equal(Day0.AddDays(1), t.SignalTime);
        Assert.Equal(Day0.AddDays(2), t.EntryTime);
        Assert.Equal(11.2 * 1.01, t.EntryPrice, 12);
        Assert.Equal(Day0.AddDays(4), t.ExitTime);
        Assert.Equal(8.8 * 0.99, t.ExitPrice, 12);
        Assert.Equal(2, t.Commission);
        Assert.Equal(-28, t.Pnl, 9);
        Assert.False(t.ClosedAtEnd);
        Assert.Equal([100000, 100000, 100005.88, 99975.88, 99972, 99972], r.Equity.Select(p => Math.Round(p.Equity, 9)));
        Assert.Equal([0, 0, 1, 1, 0, 0], r.Equity.Select(p => p.OpenPositions));
        Assert.Equal([(Day0.AddDays(1), true), (Day0.AddDays(3), false)], r.Decisions.Select(d => (d.Time, d.Entry)));
    }

    [Fact]
    public void Short_MirrorsSlippageAndPnl_HandComputed()
    {
        var r = BacktestEngine.Run([Six()], new RuleStrategy("s", TradeSide.Short, "close >= 11", "close <= 9"), Costs());
        var t = Assert.Single(r.Trades);
        Assert.Equal(11.2 * 0.99, t.EntryPrice, 12);
        Assert.Equal(8.8 * 1.01, t.ExitPrice, 12);
        Assert.Equal(20, t.Pnl, 9);
        Assert.Equal(100000 + 110.88 - 1 - 120, r.Equity[2].Equity, 9);
        Assert.Equal(100020, r.Equity[^1].Equity, 9);
    }

    [Fact]
    public void LimitEntry_UnreachedIsCancelledAndTheNextSignalFillsAtTheLimit()
    {
        // Buy limit 5% under the signal close: 10.45 is not reached on bar 2 (low 11); bar 2's own signal (close 12)
        // places 11.4, which bar 3 reaches from an open of 12.
        var r = BacktestEngine.Run([Six()], LongRule, Costs(FillModels.Limit(0.05)) with { Slippage = SlippageModels.None });
        var t = Assert.Single(r.Trades);
        Assert.Equal(Day0.AddDays(2), t.SignalTime);
        Assert.Equal(Day0.AddDays(3), t.EntryTime);
        Assert.Equal(11.4, t.EntryPrice, 12);
        Assert.Equal(8.8, t.ExitPrice, 12);
        Assert.Equal(3, r.Decisions.Count);
    }

    [Fact]
    public void StopEntry_FillsAtTheStopInsideTheRange_AndNextCloseAtTheClose()
    {
        var stop = Assert.Single(BacktestEngine.Run([Six()], LongRule, Costs(FillModels.Stop(0.05)) with { Slippage = SlippageModels.None }).Trades);
        Assert.Equal(11.55, stop.EntryPrice, 12);
        Assert.Equal(8.8, stop.ExitPrice, 12);
        var close = Assert.Single(BacktestEngine.Run([Six()], LongRule, Costs(FillModels.NextClose) with { Slippage = SlippageModels.None }).Trades);
        Assert.Equal(12, close.EntryPrice);
        Assert.Equal(9.2, close.ExitPrice);
    }

    [Fact]
    public void OpenPositionAtTheEnd_IsClosedAtTheLastClose()
    {
        var r = BacktestEngine.Run([Six()], new RuleStrategy("hold", TradeSide.Long, "close > 0", "close < 0"), new BacktestOptions { Sizer = PositionSizers.Fixed(2) });
        var t = Assert.Single(r.Trades);
        Assert.True(t.ClosedAtEnd);
        Assert.Equal(Day0.AddDays(1), t.EntryTime);
        Assert.Equal(10, t.EntryPrice);
        Assert.Equal(Day0.AddDays(5), t.ExitTime);
        Assert.Equal(11.5, t.ExitPrice);
        Assert.Equal(3, t.Pnl, 12);
        Assert.Equal(100003, r.Equity[^1].Equity, 9);
        Assert.Equal(0, r.Equity[^1].OpenPositions);
    }

    [Fact]
    public void ManySymbols_ShareOneAccountOverTheUnionOfTimes()
    {
        var r = BacktestEngine.Run([Six("B", 1), Six("A")], LongRule, Costs());
        Assert.Equal(7, r.Equity.Count);
        Assert.Equal(["A", "B"], r.Trades.Select(t => t.Symbol));
        Assert.Equal(100000 - 28 - 28, r.Equity[^1].Equity, 9);
        Assert.Equal(2, r.Equity.Max(p => p.OpenPositions));
    }

    [Fact]
    public void PercentOfEquitySizer_BuysWholeUnitsWorthTheFraction()
    {
        var r = BacktestEngine.Run([Six()], LongRule, new BacktestOptions { Sizer = PositionSizers.PercentOfEquity(0.5) });
        // Half of 100,000 at the signal close of 11: 4,545 whole units.
        Assert.Equal(4545, Assert.Single(r.Trades).Quantity);
    }

    [Fact]
    public void Commission_PerUnitAndPercent()
    {
        Assert.Equal(5, CommissionModels.PerUnit(0.01, 5).Commission(100, 50));
        Assert.Equal(10, CommissionModels.PerUnit(0.01, 5).Commission(1000, 50));
        Assert.Equal(2.5, CommissionModels.Percent(0.0005).Commission(100, 50), 12);
        Assert.Equal("limit:0.01", FillModels.Parse("LIMIT:0.01").Name);
        Assert.Same(FillModels.NextClose, FillModels.Parse("next-close"));
    }
}
