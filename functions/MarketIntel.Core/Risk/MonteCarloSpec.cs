using System.Globalization;

namespace MarketIntel.Core.Risk;

/// <summary>
/// What a Monte Carlo run computes, independent of the model: horizon in steps, number of paths, seed, the VaR/CVaR
/// confidences, loss thresholds (positive fractions), histogram bins, the annualization of per-path Sharpe ratios and
/// the level of their interval.
/// </summary>
public sealed record MonteCarloSpec
{
    public required int Horizon { get; init; }

    public required long Paths { get; init; }

    public required ulong Seed { get; init; }

    public IReadOnlyList<double> Confidences { get; init; } = [0.95, 0.99];

    public IReadOnlyList<double> LossThresholds { get; init; } = [0.05, 0.10, 0.20];

    public int HistogramBins { get; init; } = 50;

    public double PeriodsPerYear { get; init; } = 252;

    public double RiskFreePerPeriod { get; init; }

    public double SharpeIntervalLevel { get; init; } = 0.95;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad field.</summary>
    public void Validate()
    {
        Check(Horizon >= 1, $"horizon must be at least 1 step, got {Horizon}");
        Check(Paths >= 1 && Paths <= (1L << 31), $"paths must be between 1 and 2^31, got {Paths}");
        Check(Confidences.Count >= 1, "at least one confidence is needed");
        foreach (var c in Confidences)
        {
            Check(c > 0 && c < 1, $"confidence must lie strictly between 0 and 1, got {Text(c)}");
        }

        foreach (var t in LossThresholds)
        {
            Check(t > 0 && t <= 1, $"loss threshold must be a fraction in (0, 1], got {Text(t)}");
        }

        Check(HistogramBins is >= 1 and <= 10_000, $"histogram bins must be between 1 and 10000, got {HistogramBins}");
        Check(PeriodsPerYear > 0 && double.IsFinite(PeriodsPerYear), $"periods per year must be positive, got {Text(PeriodsPerYear)}");
        Check(double.IsFinite(RiskFreePerPeriod), "risk-free rate must be finite");
        Check(SharpeIntervalLevel > 0 && SharpeIntervalLevel < 1, $"Sharpe interval level must lie strictly between 0 and 1, got {Text(SharpeIntervalLevel)}");
    }

    /// <summary>
    /// How many of the worst outcomes a confidence looks at: <c>ceil((1 - c) N)</c>, at least 1, computed in decimal
    /// from <paramref name="confidence"/> at 15 significant digits so that 0.99 means exactly 0.99.
    /// </summary>
    public static int TailCount(double confidence, long paths)
    {
        var tail = (int)Math.Ceiling((1m - (decimal)confidence) * paths);
        return Math.Clamp(tail, 1, (int)Math.Min(paths, int.MaxValue));
    }

    private static void Check(bool ok, string message)
    {
        if (!ok)
        {
            throw new ArgumentException(message);
        }
    }

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
