namespace MarketIntel.Pipeline.Orchestration;

/// <summary>Monte Carlo paths [<see cref="Start"/>, Start + Count) of batch <see cref="Index"/>.</summary>
public sealed record PathRange(int Index, long Start, long Count);
