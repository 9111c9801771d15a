using MarketIntel.Core.Performance;

namespace MarketIntel.Core.Backtesting;

/// <summary>
/// Statistics of a backtest. Return, volatility, Sharpe, Sortino, Calmar and drawdowns come from the shared
/// <see cref="PerformanceMetrics"/> and <see cref="Drawdowns"/> over the per-step returns of the equity curve.
/// <list type="bullet">
/// <item><see cref="WinRate"/>: trades with positive P&amp;L over all trades. <see cref="ProfitFactor"/>: gross profit over
/// gross loss (infinite without losses). <see cref="Expectancy"/>: mean P&amp;L per trade, in currency.</item>
/// <item><see cref="Exposure"/>: the share of equity points at which at least one position was open.</item>
/// <item><see cref="Turnover"/>: traded notional (both fills of every trade) over the mean equity, per year.</item>
/// <item><see cref="MaxDrawdownDuration"/>: from the peak before the deepest drawdown to its recovery (or the end).</item>
/// <item><see cref="ProbabilisticSharpe"/> and <see cref="DeflatedSharpe"/>: see <see cref="SharpeStatistics"/>.</item>
/// </list>
/// Undefined values (too few points, no trades, no deviation) are NaN.
/// </summary>
public sealed record BacktestMetrics
{
    public double InitialCapital { get; init; }

    public double FinalEquity { get; init; }

    public double TotalReturn { get; init; }

    public double AnnualizedReturn { get; init; }

    public double Volatility { get; init; }

    public double Sharpe { get; init; }

    public double Sortino { get; init; }

    public double Calmar { get; init; }

    public double MaxDrawdown { get; init; }

    public int MaxDrawdownBars { get; init; }

    public TimeSpan MaxDrawdownDuration { get; init; }

    public int LongestDrawdownBars { get; init; }

    public int TradeCount { get; init; }

    public double WinRate { get; init; }

    public double ProfitFactor { get; init; }

    public double Expectancy { get; init; }

    public double Exposure { get; init; }

    public double Turnover { get; init; }

    public double PeriodsPerYear { get; init; }

    public int Periods { get; init; }

    public double SharpePerPeriod { get; init; }

    public double Skewness { get; init; }

    public double Kurtosis { get; init; }

    public double ProbabilisticSharpe { get; init; }

    public int Trials { get; init; }

    public double DeflatedSharpe { get; init; }

    public static BacktestMetrics Compute(IReadOnlyList<EquityPoint> curve, IReadOnlyList<BacktestTrade> trades, BacktestOptions options)
    {
        ArgumentNullException.ThrowIfNull(curve);
        ArgumentNullException.ThrowIfNull(trades);
        ArgumentNullException.ThrowIfNull(options);
        var equity = new double[curve.Count];
        var open = 0;
        for (var i = 0; i < curve.Count; i++)
        {
            equity[i] = curve[i].Equity;
            open += curve[i].OpenPositions > 0 ? 1 : 0;
        }

        var initial = options.InitialCapital;
        var final = equity.Length > 0 ? equity[^1] : initial;
        var ppy = options.PeriodsPerYear ?? InferPeriodsPerYear(curve);
        var m = new BacktestMetrics
        {
            InitialCapital = initial,
            FinalEquity = final,
            TotalReturn = (final / initial) - 1,
            PeriodsPerYear = ppy,
            Periods = Math.Max(0, equity.Length - 1),
            Exposure = curve.Count > 0 ? (double)open / curve.Count : double.NaN,
            Trials = options.Trials,
            TradeCount = trades.Count,
        };
        m = WithTrades(m, trades);
        if (equity.Length < 3)
        {
            return m with
            {
                AnnualizedReturn = double.NaN, Volatility = double.NaN, Sharpe = double.NaN, Sortino = double.NaN, Calmar = double.NaN,
                SharpePerPeriod = double.NaN, Skewness = double.NaN, Kurtosis = double.NaN, ProbabilisticSharpe = double.NaN, DeflatedSharpe = double.NaN,
                Turnover = double.NaN,
            };
        }

        var returns = Returns.Simple(equity);
        var riskFree = Math.Pow(1 + options.RiskFreeRate, 1 / ppy) - 1;
        var dd = Drawdowns.Analyze(equity);
        var (sr, skew, kurt) = SharpeStatistics.Moments(returns);
        var notional = 0.0;
        foreach (var t in trades)
        {
            notional += Math.Abs(t.Quantity) * (t.EntryPrice + t.ExitPrice);
        }

        var ddEnd = dd.RecoveryIndex >= 0 ? dd.RecoveryIndex : curve.Count - 1;
        return m with
        {
            AnnualizedReturn = PerformanceMetrics.AnnualizedReturn(returns, ppy),
            Volatility = PerformanceMetrics.Volatility(returns, ppy),
            Sharpe = PerformanceMetrics.Sharpe(returns, riskFree, ppy),
            Sortino = PerformanceMetrics.Sortino(returns, 0, ppy),
            Calmar = PerformanceMetrics.Calmar(returns, ppy),
            MaxDrawdown = dd.MaxDrawdown,
            MaxDrawdownBars = dd.MaxDrawdownDuration,
            MaxDrawdownDuration = dd.PeakIndex >= 0 ? curve[ddEnd].Time - curve[dd.PeakIndex].Time : TimeSpan.Zero,
            LongestDrawdownBars = dd.LongestDrawdownDuration,
            Turnover = notional / PerformanceMetrics.Mean(equity) / (returns.Length / ppy),
            SharpePerPeriod = sr,
            Skewness = skew,
            Kurtosis = kurt,
            ProbabilisticSharpe = SharpeStatistics.Probabilistic(sr, 0, returns.Length, skew, kurt),
            DeflatedSharpe = SharpeStatistics.Deflated(sr, returns.Length, skew, kurt, options.Trials, options.TrialSharpeVariance),
        };
    }

    /// <summary>Equity steps per 365.25 days of the run; 252 when the run spans no time.</summary>
    public static double InferPeriodsPerYear(IReadOnlyList<EquityPoint> curve)
    {
        ArgumentNullException.ThrowIfNull(curve);
        if (curve.Count < 2)
        {
            return PerformanceMetrics.TradingDaysPerYear;
        }

        var years = (curve[^1].Time - curve[0].Time).TotalDays / 365.25;
        return years > 0 ? (curve.Count - 1) / years : PerformanceMetrics.TradingDaysPerYear;
    }

    private static BacktestMetrics WithTrades(BacktestMetrics m, IReadOnlyList<BacktestTrade> trades)
    {
        if (trades.Count == 0)
        {
            return m with { WinRate = double.NaN, ProfitFactor = double.NaN, Expectancy = double.NaN };
        }

        double profit = 0, loss = 0;
        var wins = 0;
        foreach (var t in trades)
        {
            if (t.Pnl > 0)
            {
                wins++;
                profit += t.Pnl;
            }
            else
            {
                loss -= t.Pnl;
            }
        }

        return m with
        {
            WinRate = (double)wins / trades.Count,
            ProfitFactor = loss > 0 ? profit / loss : profit > 0 ? double.PositiveInfinity : double.NaN,
            Expectancy = (profit - loss) / trades.Count,
        };
    }
}
