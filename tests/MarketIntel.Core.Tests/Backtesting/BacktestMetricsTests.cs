using MarketIntel.Core.Backtesting;

namespace MarketIntel.Core.Tests.Backtesting;

/// <summary>Hand-computed values (Python, textbook formulas) for a tiny equity curve and a published DSR example.</summary>
public sealed class BacktestMetricsTests
{
    private static readonly DateTime Day0 = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static BacktestMetrics Tiny(int trials = 1)
    {
        double[] equity = [100, 110, 99, 121, 110];
        var curve = equity.Select((e, i) => new EquityPoint(Day0.AddDays(i * 2), e, e, i is 1 or 2 ? 1 : 0)).ToList();
        double[] pnls = [10, -5, 20, -10];
        var trades = pnls.Select(p => new BacktestTrade("X", TradeSide.Long, Day0, Day0, 10, Day0.AddDays(1), 11, 2, 0, p, false)).ToList();
        return BacktestMetrics.Compute(curve, trades, new BacktestOptions { InitialCapital = 100, PeriodsPerYear = 252, Trials = trials });
    }

    [Fact]
    public void ReturnsRiskAndDrawdown_MatchHandComputedValues()
    {
        var m = Tiny();
        Assert.Equal(0.1, m.TotalReturn, 12);
        Assert.Equal(2.4819865262770384, m.Volatility, 10);
        Assert.Equal(3.333107245000365, m.Sharpe, 10);
        Assert.Equal(7.712141348743986, m.Sortino, 10);
        Assert.Equal(404.26506222962956, m.AnnualizedReturn, 8);
        Assert.Equal(4042.6506222962953, m.Calmar, 7);
        Assert.Equal(0.1, m.MaxDrawdown, 12);
        Assert.Equal(2, m.MaxDrawdownBars);
        Assert.Equal(TimeSpan.FromDays(4), m.MaxDrawdownDuration);
        Assert.Equal(0.4, m.Exposure, 12);
        Assert.Equal(4, m.Periods);
    }

    [Fact]
    public void TradeStatistics_MatchHandComputedValues()
    {
        var m = Tiny();
        Assert.Equal(4, m.TradeCount);
        Assert.Equal(0.5, m.WinRate);
        Assert.Equal(2, m.ProfitFactor, 12);
        Assert.Equal(3.75, m.Expectancy, 12);
        // Notional 4 trades x 2 units x (10 + 11) = 168 over mean equity 108 and 4/252 years.
        Assert.Equal(168.0 / 108 / (4.0 / 252), m.Turnover, 9);
    }

    [Fact]
    public void ProbabilisticAndDeflatedSharpe_MatchHandComputedValues()
    {
        var m = Tiny();
        Assert.Equal(0.20996602055663335, m.SharpePerPeriod, 12);
        Assert.Equal(0.2878733337899243, m.Skewness, 12);
        Assert.Equal(1.377950626443004, m.Kurtosis, 12);
        Assert.Equal(0.645931167448398, m.ProbabilisticSharpe, 10);
        Assert.Equal(m.ProbabilisticSharpe, m.DeflatedSharpe, 15);
        Assert.Equal(0.11502309753321216, Tiny(10).DeflatedSharpe, 9);
    }

    [Fact]
    public void DeflatedSharpe_ReproducesBaileyAndLopezDePradoExample()
    {
        // JPM 2014: annualized SR 2.5 over 1,250 daily observations, 100 trials with annualized SR variance 0.5,
        // skewness -3, kurtosis 10: SR0 = 0.1132 per day (1.7894 annualized) and DSR = 0.9004.
        var sr = 2.5 / Math.Sqrt(250);
        Assert.Equal(0.11317200186513214, SharpeStatistics.ExpectedMaximumSharpe(100, 0.5 / 250), 10);
        Assert.Equal(0.9003968344493904, SharpeStatistics.Deflated(sr, 1250, -3, 10, 100, 0.5 / 250), 9);
    }

    [Fact]
    public void NoTradesOrTooFewPoints_AreUndefinedNotZero()
    {
        var curve = new List<EquityPoint> { new(Day0, 100, 100, 0), new(Day0.AddDays(1), 100, 100, 0) };
        var m = BacktestMetrics.Compute(curve, [], new BacktestOptions { InitialCapital = 100 });
        Assert.True(double.IsNaN(m.WinRate));
        Assert.True(double.IsNaN(m.ProfitFactor));
        Assert.True(double.IsNaN(m.Sharpe));
        Assert.Equal(0, m.TotalReturn);
    }
}
