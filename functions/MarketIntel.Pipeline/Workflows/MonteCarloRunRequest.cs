using System.Text.Json;

namespace MarketIntel.Pipeline.Workflows;

/// <summary>
/// A Monte Carlo run: <see cref="Paths"/> paths split into <see cref="Batches"/> seeded batches. The model and its
/// parameters are passed through untouched to the simulation activity (the orchestration only plans and merges).
/// </summary>
public sealed record MonteCarloRunRequest(string RunId, long Paths, int Batches, ulong Seed, JsonElement Model);
