using MarketIntel.Core.Backtesting;

namespace MarketIntel.Pipeline.Backtesting;

/// <summary>
/// A backtest's result: the metrics (the deflated Sharpe counting every variant of the strategy tried so far, with the
/// variance of their Sharpe ratios), the bars it ran on, the most recent trades, every trial, and the code version.
/// </summary>
public sealed record BacktestReport(
    string Variant,
    string Strategy,
    string Rules,
    IReadOnlyDictionary<string, double> Parameters,
    string Timeframe,
    IReadOnlyList<string> Symbols,
    IReadOnlyList<string> Missing,
    DateTime? From,
    DateTime? To,
    BacktestMetricsView Metrics,
    double? TrialSharpeVariance,
    IReadOnlyList<BacktestTrade> RecentTrades,
    IReadOnlyList<BacktestTrial> Trials,
    string CodeVersion);
