using MarketIntel.Ingestion.Service;

namespace MarketIntel.Ingestion.Tests.Service;

/// <summary>
/// What a test just caused, wherever it was filed: events and raw archives are filed under their UTC day, and a test
/// running across midnight writes under one day and reads on the next. Each test has its own stores, so yesterday
/// holds only that test's entries.
/// </summary>
public static class RecentEvents
{
    /// <summary>Yesterday and today (UTC), oldest first.</summary>
    public static DateOnly[] Days()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        return [today.AddDays(-1), today];
    }

    public static async Task<List<IngestionEvent>> ReadAsync(IngestionEventLog log, string? type = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        var events = new List<IngestionEvent>();
        foreach (var day in Days())
        {
            events.AddRange(await log.ReadDayAsync(day, type));
        }

        return events;
    }
}
