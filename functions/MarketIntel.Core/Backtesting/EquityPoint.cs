namespace MarketIntel.Core.Backtesting;

/// <summary>Account value after a bar time's closes: cash plus open positions marked at their last close.</summary>
public readonly record struct EquityPoint(DateTime Time, double Equity, double Cash, int OpenPositions);
