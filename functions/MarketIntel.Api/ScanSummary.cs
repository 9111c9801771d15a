using MarketIntel.Pipeline.Workflows;

namespace MarketIntel.Api;

/// <summary>A scan run in a listing; <see cref="Reason"/> says why a failed or interrupted run stopped.</summary>
public sealed record ScanSummary(string Id, string Name, RunStatus Status, DateTime CreatedAt, DateTime? CompletedAt, int Symbols, int? Setups, string? Reason);
