namespace MarketIntel.Pipeline.Application;

/// <summary>A system event as the system log shows it: when, what, how severe, where, and what was counted.</summary>
public sealed record SystemEventDto(
    DateTimeOffset Time,
    string Type,
    string Severity,
    string Source,
    string? Symbol,
    string? Timeframe,
    string Message,
    string? ArchiveKey,
    IReadOnlyDictionary<string, long>? Counts);
