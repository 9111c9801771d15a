namespace MarketIntel.Core.Scanning;

/// <summary>
/// Weights of the score components (they need not sum to 1; the score divides by their sum). Regime agreement weighs
/// nothing until market regimes are available: its component is a neutral 0.5 that cannot reorder setups.
/// </summary>
public sealed record ScoreWeights
{
    public double SignalStrength { get; init; } = 0.35;

    public double Momentum { get; init; } = 0.25;

    public double RelativeVolume { get; init; } = 0.2;

    public double Liquidity { get; init; } = 0.2;

    public double RegimeAgreement { get; init; }
}
