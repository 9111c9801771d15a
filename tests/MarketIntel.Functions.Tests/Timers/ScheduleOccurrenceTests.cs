using MarketIntel.Functions.Timers;
using MarketIntel.Pipeline.Scheduling;

namespace MarketIntel.Functions.Tests.Timers;

[Trait("Category", "FunctionsApi")]
public sealed class ScheduleOccurrenceTests
{
    [Theory]
    [InlineData("0 */5 * * * *", "2026-11-21T05:07:30Z", "2026-11-21T05:05:00Z")]
    [InlineData("0 */5 * * * *", "2026-11-21T05:09:59Z", "2026-11-21T05:10:00Z")]
    [InlineData("0 30 3 * * *", "2026-11-21T02:00:00Z", "2026-11-20T03:30:00Z")]
    [InlineData("0 0 0 1 1 *", "2026-11-21T02:00:00Z", "2026-01-01T00:00:00Z")]
    public void TheOccurrence_IsTheLatestAtOrBeforeNowWithinTheTolerance(string expression, string now, string expected)
    {
        var schedule = PipelineSettings.ParseSchedule("test", expression);
        var actual = ScheduleOccurrence.Latest(schedule, DateTime.Parse(now, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal));
        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal), actual);
        Assert.Equal(DateTimeKind.Utc, actual.Kind);
    }
}
