namespace MarketIntel.Core.Regimes;

/// <summary>
/// A fitted HMM with states ordered by ascending volatility (variance of dimension 0) and labelled, the best of the
/// seeded restarts. <see cref="Iterations"/> and <see cref="Converged"/> describe that restart's Baum-Welch run.
/// </summary>
public sealed record HmmFit(
    HmmParameters Model,
    string[] Labels,
    double LogLikelihood,
    int Iterations,
    bool Converged,
    int BestRestart,
    double[] RestartLogLikelihoods,
    int Observations)
{
    public double[] ExpectedDurations => Model.ExpectedDurations();
}
