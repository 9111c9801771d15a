using MarketIntel.Core.Market;
using MarketIntel.Core.Scanning;

namespace MarketIntel.Core.Backtesting;

/// <summary>
/// Event-driven backtest over the bars of many symbols. Time advances over the union of all bar times; at each time,
/// for every symbol with a bar then (in ordinal symbol order):
/// <list type="number">
/// <item>an order decided at the symbol's previous close fills on this bar through the fill model (whose prices include
/// slippage, see <see cref="Trading.BarFillModel"/>), then commission applies (an unfilled entry is cancelled);</item>
/// <item>positions are marked at this close; at a symbol's last bar an open position is closed at that close (with
/// slippage and commission like any exit);</item>
/// <item>the equity point is recorded (cash + marked positions);</item>
/// <item>the strategy's conditions at this close decide the next orders: a flat symbol with no order pending enters when
/// the entry condition holds (sized by the sizer from the equity just recorded), an open position exits when the exit
/// condition holds. Nothing is decided at a symbol's last bar, which has no next bar to fill on.</item>
/// </list>
/// Signals are computed per symbol in one pass, but a decision at bar t reads the conditions at t only, and the rules
/// never read later bars (see the look-ahead tests). Cash is not constrained: a fixed quantity may lever the account.
/// </summary>
public static class BacktestEngine
{
    public static BacktestResult Run(IReadOnlyList<ScanSeries> universe, ITradingStrategy strategy, BacktestOptions options, int maxDegreeOfParallelism = 1)
    {
        ArgumentNullException.ThrowIfNull(universe);
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(options);
        var ordered = universe.OrderBy(s => s.Symbol, StringComparer.Ordinal).ToArray();
        var signals = Scanner.Map(ordered, maxDegreeOfParallelism, strategy.Signals);
        var states = new SymbolState[ordered.Length];
        for (var k = 0; k < ordered.Length; k++)
        {
            states[k] = new SymbolState(ordered[k], signals[k]);
        }

        var times = ordered.SelectMany(s => s.Bars.Time).Distinct().Order().ToArray();
        var sign = strategy.Side == TradeSide.Long ? 1.0 : -1.0;
        var cash = options.InitialCapital;
        var trades = new List<BacktestTrade>();
        var decisions = new List<BacktestDecision>();
        var curve = new List<EquityPoint>(times.Length);
        var active = new List<SymbolState>(ordered.Length);
        foreach (var time in times)
        {
            active.Clear();
            foreach (var st in states)
            {
                if (st.Next < st.Series.Count && st.Series.Bars.Time[st.Next] == time)
                {
                    active.Add(st);
                }
            }

            foreach (var st in active)
            {
                var i = st.Next;
                var bar = st.Bar(i);
                if (st.Pending is { } order)
                {
                    st.Pending = null;
                    if (order.Entry)
                    {
                        if (options.Fill.Entry(strategy.Side, order.SignalClose, bar, options.Slippage) is { } price)
                        {
                            var commission = options.Commission.Commission(order.Quantity, price);
                            cash -= (sign * order.Quantity * price) + commission;
                            st.Position = new OpenPosition(order.SignalTime, bar.OpenTime, price, order.Quantity, commission);
                        }
                    }
                    else if (st.Position is { } p)
                    {
                        cash += Close(st, p, options.Fill.Exit(strategy.Side, order.SignalClose, bar, options.Slippage), bar.OpenTime, false);
                    }
                }

                st.LastClose = bar.Close;
                if (i == st.Series.Count - 1 && st.Position is { } last)
                {
                    cash += Close(st, last, options.Slippage.Apply(bar.Close, buying: sign < 0), bar.OpenTime, true);
                }
            }

            var equity = cash;
            var openCount = 0;
            foreach (var st in states)
            {
                if (st.Position is { } p)
                {
                    equity += sign * p.Quantity * st.LastClose;
                    openCount++;
                }
            }

            curve.Add(new EquityPoint(time, equity, cash, openCount));
            foreach (var st in active)
            {
                var i = st.Next++;
                if (i == st.Series.Count - 1)
                {
                    continue;
                }

                var close = st.Series.Bars.Close[i];
                if (st.Position is null && st.Pending is null && ScanProgram.IsTrue(st.Signals.Entry[i]))
                {
                    var quantity = options.Sizer.Quantity(new SizingContext(st.Series.Symbol, time, strategy.Side, equity, close));
                    if (quantity > 0)
                    {
                        st.Pending = new PendingOrder(true, quantity, close, time);
                        decisions.Add(new BacktestDecision(st.Series.Symbol, time, true, quantity));
                    }
                }
                else if (st.Position is { } p && st.Pending is null && ScanProgram.IsTrue(st.Signals.Exit[i]))
                {
                    st.Pending = new PendingOrder(false, p.Quantity, close, time);
                    decisions.Add(new BacktestDecision(st.Series.Symbol, time, false, p.Quantity));
                }
            }
        }

        return new BacktestResult(trades, decisions, curve, BacktestMetrics.Compute(curve, trades, options));

        // Books the exit fill of a position (price after slippage) and returns the cash it brings in (negative for buying back a short).
        double Close(SymbolState st, OpenPosition p, double price, DateTime at, bool atEnd)
        {
            var commission = options.Commission.Commission(p.Quantity, price);
            var pnl = (sign * (price - p.EntryPrice) * p.Quantity) - p.EntryCommission - commission;
            trades.Add(new BacktestTrade(st.Series.Symbol, strategy.Side, p.SignalTime, p.EntryTime, p.EntryPrice, at, price, p.Quantity, p.EntryCommission + commission, pnl, atEnd));
            st.Position = null;
            return (sign * p.Quantity * price) - commission;
        }
    }

    private sealed record PendingOrder(bool Entry, double Quantity, double SignalClose, DateTime SignalTime);

    private sealed record OpenPosition(DateTime SignalTime, DateTime EntryTime, double EntryPrice, double Quantity, double EntryCommission);

    private sealed class SymbolState(ScanSeries series, StrategySignals signals)
    {
        public ScanSeries Series { get; } = series;

        public StrategySignals Signals { get; } = signals;

        public int Next { get; set; }

        public PendingOrder? Pending { get; set; }

        public OpenPosition? Position { get; set; }

        public double LastClose { get; set; }

        public Bar Bar(int i)
        {
            var b = Series.Bars;
            return new Bar(b.Time[i], b.Open[i], b.High[i], b.Low[i], b.Close[i], 0);
        }
    }
}
