namespace MarketIntel.Core.Scanning;

/// <summary>
/// One part of a setup's score: the measured <see cref="Raw"/> value (NaN when undefined), its normalized
/// <see cref="Value"/> in [0, 1] (0.5 = neutral), the <see cref="Weight"/> it carries, and a sentence explaining it.
/// </summary>
public sealed record ScoreComponent(string Name, double Raw, double Value, double Weight, string Explanation);
