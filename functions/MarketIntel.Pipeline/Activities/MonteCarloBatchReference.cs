namespace MarketIntel.Pipeline.Activities;

/// <summary>What a Monte Carlo batch record holds: where its summary artifact is, its size and SHA-256.</summary>
public sealed record MonteCarloBatchReference(string Artifact, long Bytes, string Sha256);
