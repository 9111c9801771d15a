namespace MarketIntel.Core.Backtesting;

/// <summary>
/// Sharpe-ratio inference after Bailey and López de Prado. All Sharpe ratios here are per period (not annualized);
/// skewness and kurtosis are the (non-excess, population) moments of the returns.
/// <list type="bullet">
/// <item>Probabilistic Sharpe ratio (2012): PSR(SR*) = Φ((SR − SR*)·√(T − 1) / √(1 − γ₃·SR + (γ₄ − 1)/4·SR²)), the
/// probability that the true Sharpe ratio exceeds SR* given T observations.</item>
/// <item>Deflated Sharpe ratio (2014): PSR against SR₀ = √V·((1 − γ)·Φ⁻¹(1 − 1/N) + γ·Φ⁻¹(1 − 1/(N·e))), the expected
/// maximum Sharpe ratio of N unskilled trials whose Sharpe ratios vary with variance V (γ: Euler–Mascheroni). When V
/// is unknown it defaults to the variance of the Sharpe estimator itself, (1 − γ₃·SR + (γ₄ − 1)/4·SR²)/(T − 1).</item>
/// </list>
/// </summary>
public static class SharpeStatistics
{
    public const double EulerGamma = 0.57721566490153286061;

    /// <summary>Per-period Sharpe ratio (mean over sample deviation), skewness and kurtosis of <paramref name="returns"/>.</summary>
    public static (double Sharpe, double Skewness, double Kurtosis) Moments(ReadOnlySpan<double> returns)
    {
        var n = returns.Length;
        if (n < 2)
        {
            return (double.NaN, double.NaN, double.NaN);
        }

        var mean = 0.0;
        foreach (var r in returns)
        {
            mean += r;
        }

        mean /= n;
        double m2 = 0, m3 = 0, m4 = 0;
        foreach (var r in returns)
        {
            var d = r - mean;
            var d2 = d * d;
            m2 += d2;
            m3 += d2 * d;
            m4 += d2 * d2;
        }

        var sample = Math.Sqrt(m2 / (n - 1));
        m2 /= n;
        m3 /= n;
        m4 /= n;
        return m2 > 0 ? (mean / sample, m3 / Math.Pow(m2, 1.5), m4 / (m2 * m2)) : (double.NaN, double.NaN, double.NaN);
    }

    public static double Probabilistic(double sharpe, double benchmark, int observations, double skewness, double kurtosis)
    {
        var variance = EstimatorVariance(sharpe, observations, skewness, kurtosis);
        return variance > 0 ? Distributions.NormalCdf((sharpe - benchmark) / Math.Sqrt(variance)) : double.NaN;
    }

    /// <summary>SR₀: the expected maximum Sharpe ratio among <paramref name="trials"/> unskilled variants (0 for a single trial).</summary>
    public static double ExpectedMaximumSharpe(int trials, double variance)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 1);
        if (trials == 1)
        {
            return 0;
        }

        return Math.Sqrt(variance) * (((1 - EulerGamma) * Distributions.NormalQuantile(1 - (1.0 / trials)))
            + (EulerGamma * Distributions.NormalQuantile(1 - (1.0 / (trials * Math.E)))));
    }

    public static double Deflated(double sharpe, int observations, double skewness, double kurtosis, int trials, double? trialSharpeVariance = null)
    {
        var variance = trialSharpeVariance ?? EstimatorVariance(sharpe, observations, skewness, kurtosis);
        return Probabilistic(sharpe, ExpectedMaximumSharpe(trials, variance), observations, skewness, kurtosis);
    }

    /// <summary>Variance of the Sharpe-ratio estimator under non-normal returns (Mertens; Bailey and López de Prado).</summary>
    public static double EstimatorVariance(double sharpe, int observations, double skewness, double kurtosis) =>
        observations < 2 ? double.NaN : (1 - (skewness * sharpe) + ((kurtosis - 1) / 4 * sharpe * sharpe)) / (observations - 1);
}
