namespace MarketIntel.Core.Regimes;

/// <summary>
/// Fuzzy trend verdict at one bar: bullish, neutral and bearish confidences (they sum to 1), from the two normalized
/// inputs <see cref="Trend"/> and <see cref="Momentum"/> (in standard deviations of a random walk).
/// </summary>
public readonly record struct TrendConfidence(double Bullish, double Neutral, double Bearish, double Trend, double Momentum);
