namespace MarketIntel.Core.Backtesting;

/// <summary>What a sizer may know when an entry is decided: the account equity at that close and the signal bar's close.</summary>
public readonly record struct SizingContext(string Symbol, DateTime Time, TradeSide Side, double Equity, double SignalClose);
