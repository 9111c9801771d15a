namespace MarketIntel.Core.Regimes;

/// <summary>Baum-Welch settings: states (2..4), seeded restarts, iteration limit and relative log-likelihood tolerance.</summary>
public sealed record HmmFitOptions
{
    public int States { get; init; } = 2;

    public ulong Seed { get; init; } = 1;

    public int Restarts { get; init; } = 8;

    public int MaxIterations { get; init; } = 500;

    /// <summary>Converged when the log-likelihood changes by at most this times (1 + |log-likelihood|).</summary>
    public double Tolerance { get; init; } = 1e-9;

    /// <summary>Variances never fall below this fraction of the data's variance (no collapse onto single points).</summary>
    public double VarianceFloor { get; init; } = 1e-4;

    /// <summary>Observations needed per state.</summary>
    public int MinimumObservationsPerState { get; init; } = 20;
}
