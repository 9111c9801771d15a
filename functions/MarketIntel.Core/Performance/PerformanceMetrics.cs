namespace MarketIntel.Core.Performance;

/// <summary>
/// Portfolio statistics over per-period returns. Volatilities are sample standard deviations (n - 1) scaled by
/// <c>sqrt(periodsPerYear)</c>; rates (<c>riskFreePerPeriod</c>, <c>targetPerPeriod</c>) are per period. The one
/// implementation behind Monte Carlo reports, backtests and the HTTP API.
/// </summary>
public static class PerformanceMetrics
{
    /// <summary>Trading days per year, the usual annualization factor for daily bars.</summary>
    public const double TradingDaysPerYear = 252;

    public static double Mean(ReadOnlySpan<double> values)
    {
        RequireAtLeast(values, 1);
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v;
        }

        return sum / values.Length;
    }

    /// <summary>Sample standard deviation (n - 1), two-pass.</summary>
    public static double StandardDeviation(ReadOnlySpan<double> values)
    {
        RequireAtLeast(values, 2);
        var mean = Mean(values);
        var ss = 0.0;
        foreach (var v in values)
        {
            var d = v - mean;
            ss += d * d;
        }

        return Math.Sqrt(ss / (values.Length - 1));
    }

    /// <summary>Annualized volatility: sample standard deviation times <c>sqrt(periodsPerYear)</c>.</summary>
    public static double Volatility(ReadOnlySpan<double> returns, double periodsPerYear = TradingDaysPerYear) =>
        StandardDeviation(returns) * Math.Sqrt(RequirePositive(periodsPerYear));

    /// <summary>Annualized Sharpe ratio: <c>mean(r - rf) / sd(r - rf) * sqrt(periodsPerYear)</c>; NaN for zero deviation.</summary>
    public static double Sharpe(ReadOnlySpan<double> returns, double riskFreePerPeriod = 0, double periodsPerYear = TradingDaysPerYear)
    {
        RequireAtLeast(returns, 2);
        var n = returns.Length;
        var sum = 0.0;
        foreach (var r in returns)
        {
            sum += r - riskFreePerPeriod;
        }

        var mean = sum / n;
        var ss = 0.0;
        foreach (var r in returns)
        {
            var d = r - riskFreePerPeriod - mean;
            ss += d * d;
        }

        return SharpeFromMoments(mean, Math.Sqrt(ss / (n - 1)), periodsPerYear);
    }

    /// <summary>The Sharpe ratio from an excess mean and a standard deviation per period: where kernels keep sums.</summary>
    public static double SharpeFromMoments(double meanExcessPerPeriod, double standardDeviationPerPeriod, double periodsPerYear = TradingDaysPerYear) =>
        standardDeviationPerPeriod > 0 ? meanExcessPerPeriod / standardDeviationPerPeriod * Math.Sqrt(RequirePositive(periodsPerYear)) : double.NaN;

    /// <summary>
    /// Annualized Sortino ratio: <c>mean(r - t) / sqrt(sum(min(r - t, 0)^2) / n) * sqrt(periodsPerYear)</c> (downside
    /// deviation over all n periods); NaN when no period falls below the target.
    /// </summary>
    public static double Sortino(ReadOnlySpan<double> returns, double targetPerPeriod = 0, double periodsPerYear = TradingDaysPerYear)
    {
        RequireAtLeast(returns, 1);
        double sum = 0, downside = 0;
        foreach (var r in returns)
        {
            var d = r - targetPerPeriod;
            sum += d;
            if (d < 0)
            {
                downside += d * d;
            }
        }

        var dd = Math.Sqrt(downside / returns.Length);
        return dd > 0 ? sum / returns.Length / dd * Math.Sqrt(RequirePositive(periodsPerYear)) : double.NaN;
    }

    /// <summary>Compound annual growth rate of simple returns: <c>prod(1 + r)^(periodsPerYear / n) - 1</c>.</summary>
    public static double AnnualizedReturn(ReadOnlySpan<double> simpleReturns, double periodsPerYear = TradingDaysPerYear)
    {
        RequireAtLeast(simpleReturns, 1);
        var logGrowth = 0.0;
        foreach (var r in simpleReturns)
        {
            logGrowth += Math.Log(1.0 + r);
        }

        return Math.Exp(logGrowth * RequirePositive(periodsPerYear) / simpleReturns.Length) - 1.0;
    }

    /// <summary>Calmar ratio: annualized return over the maximum drawdown of the compounded curve; NaN without drawdown.</summary>
    public static double Calmar(ReadOnlySpan<double> simpleReturns, double periodsPerYear = TradingDaysPerYear)
    {
        var equity = simpleReturns.Length <= 512 ? stackalloc double[simpleReturns.Length + 1] : new double[simpleReturns.Length + 1];
        Returns.Equity(simpleReturns, 1.0, equity);
        var maxDd = Drawdowns.Max(equity);
        return maxDd > 0 ? AnnualizedReturn(simpleReturns, periodsPerYear) / maxDd : double.NaN;
    }

    /// <summary>Sample covariance (n - 1) of two equally long series.</summary>
    public static double Covariance(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        RequireSameLength(x, y);
        RequireAtLeast(x, 2);
        double mx = Mean(x), my = Mean(y), s = 0;
        for (var i = 0; i < x.Length; i++)
        {
            s += (x[i] - mx) * (y[i] - my);
        }

        return s / (x.Length - 1);
    }

    /// <summary>Beta of <paramref name="returns"/> against <paramref name="benchmark"/>: <c>cov(r, b) / var(b)</c>.</summary>
    public static double Beta(ReadOnlySpan<double> returns, ReadOnlySpan<double> benchmark)
    {
        var variance = Covariance(benchmark, benchmark);
        return variance > 0 ? Covariance(returns, benchmark) / variance : double.NaN;
    }

    /// <summary>Pearson correlation; NaN when either series is constant.</summary>
    public static double Correlation(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var vx = Covariance(x, x);
        var vy = Covariance(y, y);
        return vx > 0 && vy > 0 ? Math.Clamp(Covariance(x, y) / Math.Sqrt(vx * vy), -1.0, 1.0) : double.NaN;
    }

    private static void RequireAtLeast(ReadOnlySpan<double> values, int count)
    {
        if (values.Length < count)
        {
            throw new ArgumentException($"needs at least {count} values, got {values.Length}", nameof(values));
        }
    }

    private static void RequireSameLength(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException($"series lengths differ: {x.Length} and {y.Length}", nameof(y));
        }
    }

    private static double RequirePositive(double periodsPerYear) =>
        periodsPerYear > 0 && double.IsFinite(periodsPerYear) ? periodsPerYear : throw new ArgumentOutOfRangeException(nameof(periodsPerYear), periodsPerYear, "must be a positive number of periods per year");
}
