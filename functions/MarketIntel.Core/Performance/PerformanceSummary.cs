namespace MarketIntel.Core.Performance;

/// <summary>
/// The standard statistics of a simple-return series in one record (what a backtest or the HTTP API reports), computed
/// by <see cref="PerformanceMetrics"/> and <see cref="Drawdowns"/> on the compounded equity curve starting at 1.
/// Ratios that are undefined (no variation, no drawdown) are NaN.
/// </summary>
public sealed record PerformanceSummary(
    int Periods,
    double TotalReturn,
    double AnnualizedReturn,
    double Volatility,
    double Sharpe,
    double Sortino,
    double MaxDrawdown,
    int MaxDrawdownDuration,
    double Calmar)
{
    public static PerformanceSummary Compute(ReadOnlySpan<double> simpleReturns, double periodsPerYear = PerformanceMetrics.TradingDaysPerYear, double riskFreePerPeriod = 0)
    {
        if (simpleReturns.Length < 2)
        {
            throw new ArgumentException($"a performance summary needs at least 2 returns, got {simpleReturns.Length}", nameof(simpleReturns));
        }

        var equity = new double[simpleReturns.Length + 1];
        Returns.Equity(simpleReturns, 1.0, equity);
        var drawdown = Drawdowns.Analyze(equity);
        var annualized = PerformanceMetrics.AnnualizedReturn(simpleReturns, periodsPerYear);
        return new PerformanceSummary(
            simpleReturns.Length,
            equity[^1] - 1.0,
            annualized,
            PerformanceMetrics.Volatility(simpleReturns, periodsPerYear),
            PerformanceMetrics.Sharpe(simpleReturns, riskFreePerPeriod, periodsPerYear),
            PerformanceMetrics.Sortino(simpleReturns, riskFreePerPeriod, periodsPerYear),
            drawdown.MaxDrawdown,
            drawdown.MaxDrawdownDuration,
            drawdown.MaxDrawdown > 0 ? annualized / drawdown.MaxDrawdown : double.NaN);
    }
}
