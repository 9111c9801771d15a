namespace MarketIntel.Core.Backtesting;

/// <summary>An order decided at the close of <see cref="Time"/> (to fill on the symbol's next bar): entering or exiting, and how many units.</summary>
public sealed record BacktestDecision(string Symbol, DateTime Time, bool Entry, double Quantity);
