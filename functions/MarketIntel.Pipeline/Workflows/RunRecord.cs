namespace MarketIntel.Pipeline.Workflows;

/// <summary>
/// One orchestration run as the system-logs view shows it. <see cref="Reason"/> is set when the run failed or was
/// interrupted (the failing activity's message, at most <see cref="RunStatuses.MaxReasonLength"/> characters).
/// </summary>
public sealed record RunRecord(string RunId, string Kind, RunStatus Status, DateTime StartedUtc, DateTime FinishedUtc, string Summary, string? Reason = null);
