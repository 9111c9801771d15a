using MarketIntel.Core.Backtesting;

namespace MarketIntel.Core.Scanning;

/// <summary>
/// A trading strategy: when to enter and when to leave, for one side. Scans use the entry condition; backtests act on
/// both at each bar's close. The value at bar t may use bars up to t only.
/// </summary>
public interface ITradingStrategy
{
    string Name { get; }

    TradeSide Side { get; }

    StrategySignals Signals(ScanSeries series);
}
