using MarketIntel.Core.Backtesting;

namespace MarketIntel.Pipeline.Backtesting;

/// <summary>
/// <see cref="BacktestMetrics"/> as the API shows them: a value that is undefined (NaN: too few points, no trades, no
/// deviation) or unbounded (a profit factor without losses) is null, since JSON has no such numbers.
/// </summary>
public sealed record BacktestMetricsView(
    double InitialCapital,
    double? FinalEquity,
    double? TotalReturn,
    double? AnnualizedReturn,
    double? Volatility,
    double? Sharpe,
    double? Sortino,
    double? Calmar,
    double? MaxDrawdown,
    int MaxDrawdownBars,
    double MaxDrawdownDays,
    int LongestDrawdownBars,
    int TradeCount,
    double? WinRate,
    double? ProfitFactor,
    double? Expectancy,
    double? Exposure,
    double? Turnover,
    double? PeriodsPerYear,
    int Periods,
    double? SharpePerPeriod,
    double? Skewness,
    double? Kurtosis,
    double? ProbabilisticSharpe,
    int Trials,
    double? DeflatedSharpe)
{
    public static BacktestMetricsView Of(BacktestMetrics m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new BacktestMetricsView(
            m.InitialCapital, F(m.FinalEquity), F(m.TotalReturn), F(m.AnnualizedReturn), F(m.Volatility), F(m.Sharpe), F(m.Sortino), F(m.Calmar), F(m.MaxDrawdown),
            m.MaxDrawdownBars, m.MaxDrawdownDuration.TotalDays, m.LongestDrawdownBars, m.TradeCount, F(m.WinRate), F(m.ProfitFactor), F(m.Expectancy), F(m.Exposure),
            F(m.Turnover), F(m.PeriodsPerYear), m.Periods, F(m.SharpePerPeriod), F(m.Skewness), F(m.Kurtosis), F(m.ProbabilisticSharpe), m.Trials, F(m.DeflatedSharpe));
    }

    private static double? F(double value) => double.IsFinite(value) ? value : null;
}
