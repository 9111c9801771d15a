namespace MarketIntel.Core.Risk;

/// <summary>
/// The result of a Monte Carlo run. Terminal statistics are over horizon simple returns; drawdowns are each path's
/// maximum drawdown (positive fraction, start value included); Sharpe ratios are per path, over its per-step log
/// returns in excess of the risk-free rate, annualized, and their interval is the equal-tailed percentile interval
/// (type 1 quantiles) of those per-path ratios: under the bootstrap model, the bootstrap confidence interval.
/// </summary>
public sealed record MonteCarloReport(
    MonteCarloInputs Inputs,
    double TerminalMean,
    double TerminalStandardDeviation,
    double TerminalMin,
    double TerminalMax,
    IReadOnlyList<TailRisk> Tail,
    IReadOnlyList<LossProbability> Losses,
    ReturnHistogram Histogram,
    double DrawdownMean,
    long[] DrawdownHistogram,
    double SharpeMean,
    double SharpeLow,
    double SharpeHigh,
    long SharpePaths);
