using NCrontab;

namespace MarketIntel.Functions.Timers;

/// <summary>
/// The schedule occurrence a timer invocation stands for: the latest occurrence at or before now (allowing the timer
/// to fire up to <see cref="Tolerance"/> early). Both firings of a doubled timer map to the same occurrence, so the
/// run ids built from it are equal.
/// </summary>
public static class ScheduleOccurrence
{
    public static TimeSpan Tolerance { get; } = TimeSpan.FromSeconds(2);

    public static DateTime Latest(CrontabSchedule schedule, DateTime utcNow)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var bound = utcNow + Tolerance;
        for (var window = TimeSpan.FromMinutes(2); window <= TimeSpan.FromDays(800); window *= 8)
        {
            DateTime? latest = null;
            foreach (var occurrence in schedule.GetNextOccurrences(bound - window, bound))
            {
                latest = occurrence;
            }

            if (latest is { } found)
            {
                return DateTime.SpecifyKind(found, DateTimeKind.Utc);
            }
        }

        return new DateTime(utcNow.Ticks - (utcNow.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
    }
}
