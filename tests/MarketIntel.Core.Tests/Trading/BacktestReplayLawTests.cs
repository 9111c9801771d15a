using MarketIntel.Core.Backtesting;
using MarketIntel.Core.Indicators;
using MarketIntel.Core.Market;
using MarketIntel.Core.Scanning;
using MarketIntel.Core.Trading;

namespace MarketIntel.Core.Tests.Trading;

/// <summary>
/// The law of issue 20: a backtest and a paper replay of the same decisions produce the same trades. The backtester's
/// decisions (taken at a close, to fill on the next bar) become replay orders timed just after that close: entries as
/// market, limit or stop orders per the fill model (ioc, since the backtester cancels an entry its next bar does not
/// fill), exits as market orders. Fills must be identical, and equity equal at every bar the backtester did not close
/// a position at its last close.
/// </summary>
public sealed class BacktestReplayLawTests
{
    private static Bar[] GappyBars(int seed, int count)
    {
        var random = new Random(seed);
        var bars = new Bar[count];
        var price = 50.0;
        var t = new DateTime(2021, 1, 4, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < count; i++)
        {
            var open = Math.Round(price * (1 + (0.03 * ((random.NextDouble() * 2) - 1))), 2);
            var close = Math.Round(open * (1 + (0.04 * ((random.NextDouble() * 2) - 1))), 2);
            var high = Math.Round(Math.Max(open, close) * (1 + (0.01 * random.NextDouble())), 2);
            var low = Math.Round(Math.Min(open, close) * (1 - (0.01 * random.NextDouble())), 2);
            bars[i] = new Bar(t.AddDays(i), open, high, low, close, random.Next(0, 10_000));
            price = close;
        }

        return bars;
    }

    public static TheoryData<int, TradeSide, string> Cases()
    {
        var data = new TheoryData<int, TradeSide, string>();
        foreach (var seed in new[] { 1, 2, 3, 4 })
        {
            foreach (var side in new[] { TradeSide.Long, TradeSide.Short })
            {
                foreach (var fill in new[] { "next-open", "limit:0.01", "stop:0.005" })
                {
                    data.Add(seed, side, fill);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BacktestAndPaperReplay_OfTheSameDecisions_ProduceTheSameTrades(int seed, TradeSide side, string fill)
    {
        var bars = GappyBars(seed, 250);
        var strategy = new RuleStrategy("law", side, "sma(3) crosses_above sma(8)", "sma(3) crosses_below sma(8)");
        var options = new BacktestOptions
        {
            InitialCapital = 1e9,
            Fill = FillModels.Parse(fill),
            Commission = CommissionModels.PerFill(1.25),
            Slippage = SlippageModels.Fraction(0.002),
            Sizer = PositionSizers.Fixed(7),
        };
        var backtest = BacktestEngine.Run([new ScanSeries(PaperReplay.Symbol, BarSeries.From(bars))], strategy, options);
        Assert.True(backtest.Trades.Count >= 5, $"only {backtest.Trades.Count} trades: the law needs some");

        var close = bars.ToDictionary(b => b.OpenTime, b => b.Close);
        var entry = side == TradeSide.Long ? OrderSide.Buy : OrderSide.Sell;
        var exit = side == TradeSide.Long ? OrderSide.Sell : OrderSide.Buy;
        var offset = fill == "next-open" ? 0 : double.Parse(fill[(fill.IndexOf(':', StringComparison.Ordinal) + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        var below = side == TradeSide.Long == fill.StartsWith("limit", StringComparison.Ordinal);
        var orders = backtest.Decisions.Select((d, k) =>
        {
            var level = close[d.Time] * (below ? 1 - offset : 1 + offset);
            var request = !d.Entry ? new OrderRequest($"x{k}", PaperReplay.Symbol, exit, OrderType.Market, d.Quantity)
                : fill == "next-open" ? new OrderRequest($"e{k}", PaperReplay.Symbol, entry, OrderType.Market, d.Quantity)
                : fill.StartsWith("limit", StringComparison.Ordinal) ? new OrderRequest($"e{k}", PaperReplay.Symbol, entry, OrderType.Limit, d.Quantity, LimitPrice: level, TimeInForce: TimeInForce.Ioc)
                : new OrderRequest($"e{k}", PaperReplay.Symbol, entry, OrderType.Stop, d.Quantity, StopPrice: level, TimeInForce: TimeInForce.Ioc);
            return new ReplayOrder(d.Time.AddTicks(1), request);
        }).ToArray();
        var replay = PaperReplay.Run(bars, orders, 1e9, new ExecutionOptions
        {
            Commission = options.Commission,
            Slippage = options.Slippage,
            Limits = new RiskLimits { AllowShort = side == TradeSide.Short },
        });

        var expected = backtest.Trades.SelectMany(t => t.ClosedAtEnd
            ? new[] { (t.EntryTime, entry, t.Quantity, t.EntryPrice) }
            : [(t.EntryTime, entry, t.Quantity, t.EntryPrice), (t.ExitTime, exit, t.Quantity, t.ExitPrice)]);
        Assert.Equal(expected, replay.Fills.Select(f => (f.Time, f.Side, f.Quantity, f.Price)));

        var closedAtEnd = backtest.Trades.Any(t => t.ClosedAtEnd);
        for (var i = 0; i < bars.Length - (closedAtEnd ? 1 : 0); i++)
        {
            Assert.Equal(backtest.Equity[i].Time, replay.Equity[i].Time);
            Assert.Equal(backtest.Equity[i].Equity, replay.Equity[i].Equity, 1e-9 * Math.Abs(backtest.Equity[i].Equity));
            Assert.Equal(backtest.Equity[i].Cash, replay.Equity[i].Cash, 1e-9 * Math.Abs(backtest.Equity[i].Cash));
        }
    }
}
