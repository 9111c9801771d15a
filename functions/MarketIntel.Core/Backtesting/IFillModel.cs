using MarketIntel.Core.Market;

namespace MarketIntel.Core.Backtesting;

/// <summary>
/// Where an order decided at a bar's close fills on the symbol's next bar. An entry may stay unfilled (a limit or stop
/// the bar never reached): the order is then cancelled. Exits always fill.
/// </summary>
public interface IFillModel
{
    string Name { get; }

    /// <summary>Entry fill price before slippage, or null when the bar does not fill the order.</summary>
    double? Entry(TradeSide side, double signalClose, in Bar next);

    /// <summary>Exit fill price before slippage.</summary>
    double Exit(TradeSide side, double signalClose, in Bar next);
}
