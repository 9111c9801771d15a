using System.Text.Json;

namespace MarketIntel.Pipeline.Workflows;

/// <summary>Paths [<see cref="PathStart"/>, PathStart + PathCount) of a run; randomness depends only on (seed, path index).</summary>
public sealed record MonteCarloBatchInput(string RunId, int BatchIndex, long PathStart, long PathCount, ulong Seed, JsonElement Model);
