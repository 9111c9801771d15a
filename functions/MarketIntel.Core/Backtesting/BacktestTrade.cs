namespace MarketIntel.Core.Backtesting;

/// <summary>
/// A round trip. Prices are the fill prices after slippage; <see cref="Commission"/> is both fills' commissions;
/// <see cref="Pnl"/> = side · (exit − entry) · quantity − commission. <see cref="SignalTime"/> is the close at which
/// the entry was decided; <see cref="ClosedAtEnd"/> marks a position closed at the last bar's close because the data ended.
/// </summary>
public sealed record BacktestTrade(
    string Symbol,
    TradeSide Side,
    DateTime SignalTime,
    DateTime EntryTime,
    double EntryPrice,
    DateTime ExitTime,
    double ExitPrice,
    double Quantity,
    double Commission,
    double Pnl,
    bool ClosedAtEnd);
