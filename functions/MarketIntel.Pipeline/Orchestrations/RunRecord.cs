namespace MarketIntel.Pipeline.Orchestrations;

/// <summary>The outcome of one orchestration run, stored for the system-logs view.</summary>
public sealed record RunRecord(string RunId, string Kind, string Status, DateTime StartedUtc, DateTime FinishedUtc, string Summary);
