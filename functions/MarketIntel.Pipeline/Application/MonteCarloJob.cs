using MarketIntel.Core.Risk;

namespace MarketIntel.Pipeline.Application;

/// <summary>
/// A Monte Carlo request as the API takes it and the orchestration passes it to every batch: the model (<c>gbm</c>
/// with per-step drift <see cref="Mu"/> and volatility <see cref="Sigma"/>) and the run's specification.
/// </summary>
public sealed record MonteCarloJob
{
    public string Model { get; init; } = "gbm";

    public double? Mu { get; init; }

    public double? Sigma { get; init; }

    public int Horizon { get; init; } = 20;

    public long Paths { get; init; } = 100_000;

    public int Batches { get; init; } = 8;

    public ulong Seed { get; init; } = 1;

    public IReadOnlyList<double>? Confidences { get; init; }

    public IReadOnlyList<double>? LossThresholds { get; init; }

    public int HistogramBins { get; init; } = 50;

    /// <summary>Largest run one request may start (paths × horizon), to bound a single request's cost.</summary>
    public const long MaxPathSteps = 2_000_000_000;

    public MonteCarloSpec ToSpec() => new()
    {
        Horizon = Horizon,
        Paths = Paths,
        Seed = Seed,
        Confidences = Confidences ?? [0.95, 0.99],
        LossThresholds = LossThresholds ?? [0.05, 0.10, 0.20],
        HistogramBins = HistogramBins,
    };

    public IPathModel ToModel() => Model switch
    {
        "gbm" => new GbmModel(Mu ?? throw new ArgumentException("mu: required for model gbm"), Sigma ?? throw new ArgumentException("sigma: required for model gbm")),
        _ => throw new ArgumentException($"model: '{Model}' is not supported by the API; use gbm"),
    };

    /// <summary>The first bad field and what is wrong with it, or null when the job can run (and will finish).</summary>
    public (string Field, string Message)? Problem()
    {
        if (Model != "gbm")
        {
            return ("model", $"'{Model}' is not supported by the API; use gbm");
        }

        if (Mu is not { } mu || !double.IsFinite(mu) || mu <= -1)
        {
            return ("mu", "a finite per-step drift above -1 is required");
        }

        if (Sigma is not { } sigma || !double.IsFinite(sigma) || sigma < 0)
        {
            return ("sigma", "a finite, non-negative per-step volatility is required");
        }

        if (Horizon < 1)
        {
            return ("horizon", FormattableString.Invariant($"at least 1 step, got {Horizon}"));
        }

        if (Paths < 1 || Paths > 1L << 31)
        {
            return ("paths", FormattableString.Invariant($"between 1 and 2^31, got {Paths}"));
        }

        if (Batches < 1 || Batches > Paths)
        {
            return ("batches", $"must be from 1 to the number of paths ({Paths})");
        }

        if (Batches > 1000)
        {
            return ("batches", "at most 1000");
        }

        if (Paths > MaxPathSteps / Horizon)
        {
            return ("paths", $"paths x horizon exceeds {MaxPathSteps}");
        }

        if (Confidences is { } confidences && (confidences.Count == 0 || confidences.Any(c => !(c > 0 && c < 1))))
        {
            return ("confidences", "one or more levels strictly between 0 and 1");
        }

        if (LossThresholds is { } thresholds && thresholds.Any(t => !(t > 0 && t <= 1)))
        {
            return ("lossThresholds", "fractions in (0, 1]");
        }

        if (HistogramBins is < 1 or > 10_000)
        {
            return ("histogramBins", FormattableString.Invariant($"between 1 and 10000, got {HistogramBins}"));
        }

        // The specification checks the same ranges (a job that passes here is a valid spec); this keeps the two in step.
        ToSpec().Validate();
        return OverflowProblem(new GbmModel(mu, sigma));
    }

    /// <summary>
    /// How many standard deviations of a path's horizon log-return the overflow check allows for: a path beyond it has
    /// a probability below 1e-23, so an accepted run finishes; a request whose paths can plausibly exceed the engine's
    /// range (<see cref="MonteCarloEngine.MaxTerminalReturn"/>) is refused up front, naming the parameter that drives it.
    /// </summary>
    public const double OverflowSigmas = 10;

    private (string Field, string Message)? OverflowProblem(GbmModel model)
    {
        // A path's horizon log-return is normal with mean h·m and deviation s·√h (m, s: the model's per-step log moments).
        var drift = Horizon * model.StepLogMean;
        var spread = OverflowSigmas * model.StepLogStandardDeviation * Math.Sqrt(Horizon);
        if (!double.IsFinite(drift - spread))
        {
            return ("sigma", FormattableString.Invariant($"{model.Sigma:G4} per step is too large for the log-return's moments to be finite numbers"));
        }

        if (drift + spread >= Math.Log(1 + MonteCarloEngine.MaxTerminalReturn))
        {
            var field = drift >= spread ? "mu" : "sigma";
            return (field, FormattableString.Invariant(
                $"over a horizon of {Horizon} steps paths would reach returns beyond 2^20 (mean log-return {drift:G4}, {OverflowSigmas} standard deviations {spread:G4}); lower {field} or shorten the horizon"));
        }

        return null;
    }
}
