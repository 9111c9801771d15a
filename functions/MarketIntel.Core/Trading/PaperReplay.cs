using MarketIntel.Core.Market;

namespace MarketIntel.Core.Trading;

/// <summary>
/// The replay contract of <c>marketintel paper replay</c> over one symbol's bars, run by the same
/// <see cref="ExecutionEngine"/> that paper trades. An order becomes active on the first bar whose time is at or after its
/// own, orders in file order, and is checked then with the bar's open as the market price; then the bar's working
/// orders are tried in activation order. A session is a UTC calendar day: a bar ends its session when the next bar is
/// on a later day or there is no next bar (so on daily bars a day order expires after its first eligible bar).
/// A client order id repeated in the file is one order: the first row with the id is it, later rows are ignored.
/// </summary>
public static class PaperReplay
{
    /// <summary>The symbol a single-file replay trades under.</summary>
    public const string Symbol = "REPLAY";

    public static PaperReplayResult Run(IReadOnlyList<Bar> bars, IReadOnlyList<ReplayOrder> orders, double cash, ExecutionOptions options)
    {
        ArgumentNullException.ThrowIfNull(bars);
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(options);
        var engine = new ExecutionEngine(options, cash, bars.Count > 0 ? bars[0].OpenTime : DateTime.UnixEpoch);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var distinct = orders.Where(o => seen.Add(o.Request.ClientOrderId)).ToArray();
        var pending = new List<ReplayOrder>(distinct);
        var equity = new List<ReplayEquityPoint>(bars.Count);
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var still = new List<ReplayOrder>(pending.Count);
            foreach (var o in pending)
            {
                if (o.Time <= bar.OpenTime)
                {
                    engine.Submit(o.Request, bar.OpenTime, bar.Open);
                }
                else
                {
                    still.Add(o);
                }
            }

            pending = still;
            var sessionEnds = i == bars.Count - 1 || bars[i + 1].OpenTime.Date != bar.OpenTime.Date;
            engine.OnBar(Symbol, bar, sessionEnds);
            var position = engine.Account.PositionOf(Symbol).Quantity;
            equity.Add(new ReplayEquityPoint(bar.OpenTime, engine.Account.Cash, position, engine.Account.Cash + (position * bar.Close)));
        }

        // Orders never reached by the data are still part of the answer (status open), in file order.
        var result = new List<Order>(distinct.Length);
        foreach (var o in distinct)
        {
            result.Add(engine.Find(o.Request.ClientOrderId) ?? new Order(o.Request, o.Time, 0));
        }

        return new PaperReplayResult(engine.Fills, result, equity, engine.Account);
    }
}
