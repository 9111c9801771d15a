namespace MarketIntel.Core.Scanning;

/// <summary>
/// Weights of the score components (they need not sum to 1; the score divides by their sum). The defaults sum to 1.
/// </summary>
public sealed record ScoreWeights
{
    public double SignalStrength { get; init; } = 0.3;

    public double Momentum { get; init; } = 0.2;

    public double RelativeVolume { get; init; } = 0.2;

    public double Liquidity { get; init; } = 0.15;

    public double RegimeAgreement { get; init; } = 0.15;
}
