using MarketIntel.Functions.Tests.Durable;
using MarketIntel.Functions.Timers;
using MarketIntel.Pipeline.Orchestrations;
using MarketIntel.Pipeline.Scheduling;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace MarketIntel.Functions.Tests.Timers;

[Trait("Category", "FunctionsApi")]
public sealed class ScheduleFunctionTests : IDisposable
{
    private static readonly DateTimeOffset Occurrence = new(2026, 11, 21, 5, 0, 0, TimeSpan.Zero);
    private readonly FunctionsTestHost _host = new(Occurrence);

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task ATimerFiringTwiceForOneOccurrence_EvenSlightlyEarlyOrLate_StartsOneRunNamedAfterTheOccurrence()
    {
        var client = new FakeDurableTaskClient();
        var timers = _host.Create<ScheduleFunctions>();
        foreach (var firedAt in new[] { Occurrence.AddMilliseconds(-700), Occurrence.AddMilliseconds(900), Occurrence.AddSeconds(25) })
        {
            _host.Clock.Now = firedAt;
            await timers.Ingest(new TimerInfo(), client, CancellationToken.None);
        }

        var (orchestration, id, _) = Assert.Single(client.Scheduled);
        Assert.Equal((IngestOrchestration.Name, "ingest-20261121T050000"), (orchestration, id));

        _host.Clock.Now = Occurrence.AddMinutes(1).AddSeconds(1);
        await timers.Ingest(new TimerInfo(), client, CancellationToken.None);
        Assert.Equal("ingest-20261121T050100", client.Scheduled[^1].InstanceId);
    }

    [Fact]
    public async Task AFailedRun_IsStartedAgainByTheNextFiringOfItsOccurrence()
    {
        var client = new FakeDurableTaskClient();
        var timers = _host.Create<ScheduleFunctions>();
        await timers.Scan(new TimerInfo(), client, CancellationToken.None);
        client.Instances["scan-20261121T050000"] = client.Instances["scan-20261121T050000"] with { RuntimeStatus = OrchestrationRuntimeStatus.Failed };
        await timers.Scan(new TimerInfo(), client, CancellationToken.None);

        Assert.Equal(["scan-20261121T050000", "scan-20261121T050000"], client.Scheduled.Select(s => s.InstanceId));
        Assert.All(client.Scheduled, s => Assert.Equal(ScanOrchestration.Name, s.Orchestration));
    }

    [Fact]
    public async Task OutcomesAndRetention_StartTheirMaintenanceOrchestrations()
    {
        var client = new FakeDurableTaskClient();
        var timers = _host.Create<ScheduleFunctions>();
        await timers.Outcomes(new TimerInfo(), client, CancellationToken.None);
        _host.Clock.Now = new DateTimeOffset(2026, 11, 21, 3, 30, 4, TimeSpan.Zero);
        await timers.Retention(new TimerInfo(), client, CancellationToken.None);

        Assert.Equal([(MaintenanceOrchestrations.Outcomes, "outcomes-20261121T050000"), (MaintenanceOrchestrations.Retention, "retention-20261121T033000")],
            client.Scheduled.Select(s => (s.Orchestration, s.InstanceId)));
    }

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

    [Fact]
    public void EveryTimer_ReadsItsScheduleFromTheAgreedSetting()
    {
        var schedules = typeof(ScheduleFunctions).GetMethods()
            .Select(m => m.GetParameters().Select(p => p.GetCustomAttributes(typeof(TimerTriggerAttribute), false).OfType<TimerTriggerAttribute>().FirstOrDefault()).FirstOrDefault(a => a is not null))
            .OfType<TimerTriggerAttribute>().Select(a => a.Schedule).Order(StringComparer.Ordinal);
        Assert.Equal(["%IngestSchedule%", "%OutcomeSchedule%", "%RetentionSchedule%", "%ScanSchedule%"], schedules);
    }
}
