namespace MarketIntel.Pipeline.Backtesting;

/// <summary>
/// One variant of a strategy that was backtested (its parameters, timeframe, symbols and costs), with the per-bar Sharpe
/// ratio of its latest run (null when undefined, e.g. no trades): the trials the deflated Sharpe ratio accounts for. Stored once per variant.
/// </summary>
public sealed record BacktestTrial(
    string Variant,
    string Strategy,
    IReadOnlyDictionary<string, double> Parameters,
    string Timeframe,
    int Symbols,
    string Fill,
    double? SharpePerPeriod,
    double? Sharpe,
    double? TotalReturn,
    int Trades,
    DateTimeOffset RunAt);
