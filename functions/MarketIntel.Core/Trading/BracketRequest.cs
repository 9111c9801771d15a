using MarketIntel.Core.Backtesting;
using MarketIntel.Core.Scanning;

namespace MarketIntel.Core.Trading;

/// <summary>
/// An entry with attached exits: when the entry is done (filled, or canceled or expired after a partial fill) a
/// stop-loss (a stop order at <see cref="StopLoss"/>) and a take-profit (a limit order at <see cref="TakeProfit"/>) for
/// the filled quantity start working from the next bar, good till canceled, as one-cancels-the-other legs named
/// <c>{id}:stop</c> and <c>{id}:target</c>.
/// </summary>
public sealed record BracketRequest(OrderRequest Entry, double StopLoss, double TakeProfit)
{
    public string StopId => Entry.ClientOrderId + ":stop";

    public string TargetId => Entry.ClientOrderId + ":target";

    /// <summary>A scanned setup as a bracket: a limit entry at the setup's entry price, its stop and its target.</summary>
    public static BracketRequest FromSetup(TradeSetup setup, string clientOrderId, double quantity, TimeInForce timeInForce = TimeInForce.Day)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var side = setup.Side == TradeSide.Long ? OrderSide.Buy : OrderSide.Sell;
        return new BracketRequest(new OrderRequest(clientOrderId, setup.Symbol, side, OrderType.Limit, quantity, setup.Entry, null, timeInForce), setup.Stop, setup.Target);
    }

    /// <summary>The reason code of the first problem, or null: the stop must lie on the losing side of the entry and the target on the winning side.</summary>
    public string? Problem(InstrumentRules rules)
    {
        if (Entry.Problem(rules) is { } p)
        {
            return p;
        }

        if (!(StopLoss > 0 && double.IsFinite(StopLoss) && TakeProfit > 0 && double.IsFinite(TakeProfit)))
        {
            return "invalid_bracket_price";
        }

        return Entry.Side == OrderSide.Buy ? (StopLoss < TakeProfit ? null : "stop_not_below_target") : (StopLoss > TakeProfit ? null : "stop_not_above_target");
    }
}
