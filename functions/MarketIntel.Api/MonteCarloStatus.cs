using System.Text.Json;
using MarketIntel.Pipeline.Orchestrations;

namespace MarketIntel.Api;

/// <summary>
/// A Monte Carlo run: its status, its inputs, once completed the report, and once failed or interrupted the reason
/// (the failing activity's message, at most <see cref="RunStatuses.MaxReasonLength"/> characters).
/// </summary>
public sealed record MonteCarloStatus(string Id, RunStatus Status, DateTimeOffset CreatedAt, string CodeVersion, JsonElement Inputs, JsonElement? Report, string? Reason);
