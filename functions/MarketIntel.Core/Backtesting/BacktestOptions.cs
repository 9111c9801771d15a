namespace MarketIntel.Core.Backtesting;

/// <summary>
/// Costs, sizing and reporting of a backtest. <see cref="PeriodsPerYear"/> annualizes per-bar statistics; by default
/// it is the number of equity steps per 365.25 days of the run (about 252 for exchange-traded daily bars). The
/// deflated Sharpe ratio needs <see cref="Trials"/>, the number of strategy variants tried before this one, and
/// optionally <see cref="TrialSharpeVariance"/>, the variance of their per-bar Sharpe ratios.
/// </summary>
public sealed record BacktestOptions
{
    public double InitialCapital { get; init; } = 100_000;

    public IFillModel Fill { get; init; } = FillModels.NextOpen;

    public ICommissionModel Commission { get; init; } = CommissionModels.None;

    public ISlippageModel Slippage { get; init; } = SlippageModels.None;

    public IPositionSizer Sizer { get; init; } = PositionSizers.Fixed(1);

    public double? PeriodsPerYear { get; init; }

    /// <summary>Annual risk-free rate, converted per bar for the Sharpe ratio.</summary>
    public double RiskFreeRate { get; init; }

    public int Trials { get; init; } = 1;

    public double? TrialSharpeVariance { get; init; }
}
