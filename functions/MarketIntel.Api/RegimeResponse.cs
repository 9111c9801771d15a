namespace MarketIntel.Api;

/// <summary>
/// The answer of <c>GET /api/regimes/{symbol}</c>: per bar (from the second, as states describe returns) the filtered
/// probabilities and the Viterbi state; per state its label, mean and volatility of returns and expected duration in bars.
/// </summary>
public sealed record RegimeResponse(
    string Symbol,
    string Timeframe,
    int States,
    IReadOnlyList<DateTime> Times,
    double[][] Filtered,
    int[] Viterbi,
    string[] Labels,
    double[][] Transition,
    double[] Means,
    double[] Volatilities,
    double[] ExpectedDurations,
    double LogLikelihood,
    bool Converged,
    RegimeNow Current);
