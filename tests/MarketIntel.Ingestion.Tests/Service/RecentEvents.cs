using MarketIntel.Ingestion.Service;

namespace MarketIntel.Ingestion.Tests.Service;

/// <summary>
/// The events a test just caused, wherever they were filed: the log files them under their UTC day, and a test running
/// across midnight writes under one day and reads on the next. Each test has its own store, so yesterday holds only
/// that test's events.
/// </summary>
public static class RecentEvents
{
    public static async Task<List<IngestionEvent>> ReadAsync(IngestionEventLog log, string? type = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var events = await log.ReadDayAsync(today.AddDays(-1), type);
        events.AddRange(await log.ReadDayAsync(today, type));
        return events;
    }
}
