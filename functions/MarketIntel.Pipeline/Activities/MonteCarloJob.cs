using MarketIntel.Core.Risk;

namespace MarketIntel.Pipeline.Activities;

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

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad field.</summary>
    public void Validate()
    {
        if (Model != "gbm")
        {
            throw new ArgumentException($"model: '{Model}' is not supported by the API; use gbm");
        }

        if (Mu is not { } mu || !double.IsFinite(mu) || mu <= -1)
        {
            throw new ArgumentException("mu: a finite per-step drift above -1 is required");
        }

        if (Sigma is not { } sigma || !double.IsFinite(sigma) || sigma < 0)
        {
            throw new ArgumentException("sigma: a finite, non-negative per-step volatility is required");
        }

        if (Batches < 1 || Batches > Paths)
        {
            throw new ArgumentException($"batches: must be from 1 to the number of paths ({Paths})");
        }

        if (Batches > 1000)
        {
            throw new ArgumentException("batches: at most 1000");
        }

        if (Horizon > 0 && Paths > 0 && Paths > MaxPathSteps / Horizon)
        {
            throw new ArgumentException($"paths: paths x horizon exceeds {MaxPathSteps}");
        }

        ToSpec().Validate();
        var model = (GbmModel)ToModel();
        RefuseOverflow(model);
    }

    /// <summary>
    /// How many standard deviations of a path's horizon log-return the overflow check allows for: a path beyond it has
    /// a probability below 1e-23, so an accepted run finishes; a request whose paths can plausibly exceed the engine's
    /// range (<see cref="MonteCarloEngine.MaxTerminalReturn"/>) is refused up front, naming the parameter that drives it.
    /// </summary>
    public const double OverflowSigmas = 10;

    private void RefuseOverflow(GbmModel model)
    {
        // A path's horizon log-return is normal with mean h·m and deviation s·√h (m, s: the model's per-step log moments).
        var drift = Horizon * model.StepLogMean;
        var spread = OverflowSigmas * model.StepLogStandardDeviation * Math.Sqrt(Horizon);
        if (!double.IsFinite(drift - spread))
        {
            throw new ArgumentException(FormattableString.Invariant($"sigma: {model.Sigma:G4} per step is too large for the log-return's moments to be finite numbers"));
        }

        if (drift + spread >= Math.Log(1 + MonteCarloEngine.MaxTerminalReturn))
        {
            var field = drift >= spread ? "mu" : "sigma";
            throw new ArgumentException(FormattableString.Invariant(
                $"{field}: over a horizon of {Horizon} steps paths would reach returns beyond 2^20 (mean log-return {drift:G4}, {OverflowSigmas} standard deviations {spread:G4}); lower {field} or shorten the horizon"));
        }
    }
}
