namespace MarketIntel.Core.Regimes;

/// <summary>
/// What scans and rankings consume per bar: the most probable filtered HMM state with its label and probability, the
/// probability of the most turbulent state, and bullish/neutral/bearish confidences (summing to 1) that blend the fuzzy
/// trend score with the HMM states' drift; <see cref="Score"/> = bullish - bearish in [-1, 1]. Uses no future bars.
/// </summary>
public sealed record RegimeConfidence(
    int State,
    string Label,
    double StateProbability,
    double Turbulence,
    double Bullish,
    double Neutral,
    double Bearish,
    double Score,
    bool TrendDefined);
