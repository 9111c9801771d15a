namespace MarketIntel.Core.Backtesting;

/// <summary>What a backtest produced: closed trades (in exit order), the decisions taken, the equity curve and the metrics.</summary>
public sealed record BacktestResult(
    IReadOnlyList<BacktestTrade> Trades,
    IReadOnlyList<BacktestDecision> Decisions,
    IReadOnlyList<EquityPoint> Equity,
    BacktestMetrics Metrics);
