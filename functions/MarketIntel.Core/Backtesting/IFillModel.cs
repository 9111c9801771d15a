using MarketIntel.Core.Market;

namespace MarketIntel.Core.Backtesting;

/// <summary>
/// Where an order decided at a bar's close fills on the symbol's next bar. An entry may stay unfilled (a limit or stop
/// the bar never reached): the order is then cancelled. Exits always fill. Prices are final: the model applies
/// the slippage model where the shared <see cref="Trading.BarFillModel"/> does (market and stop fills, not limits).
/// </summary>
public interface IFillModel
{
    string Name { get; }

    /// <summary>Entry fill price, or null when the bar does not fill the order.</summary>
    double? Entry(TradeSide side, double signalClose, in Bar next, ISlippageModel slippage);

    /// <summary>Exit fill price.</summary>
    double Exit(TradeSide side, double signalClose, in Bar next, ISlippageModel slippage);
}
