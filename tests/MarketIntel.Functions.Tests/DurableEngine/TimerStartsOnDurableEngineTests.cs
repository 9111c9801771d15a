using MarketIntel.Functions.Durable;
using MarketIntel.Functions.Timers;
using MarketIntel.Pipeline.Engine;
using MarketIntel.Pipeline.Workflows;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace MarketIntel.Functions.Tests.DurableEngine;

/// <summary>The timer functions and the Durable starter against the real engine's client and instance store.</summary>
[Trait("Category", "DurableEngine")]
public sealed class TimerStartsOnDurableEngineTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Occurrence = new(2026, 11, 21, 5, 0, 0, TimeSpan.Zero);
    private AppOnDurableEngine _host = null!;

    public async Task InitializeAsync() => _host = await AppOnDurableEngine.StartAsync(Occurrence.AddSeconds(-1));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ATimerFiringTwiceForOneOccurrence_EvenSlightlyEarlyOrLate_StartsOneRunNamedAfterTheOccurrence()
    {
        var timers = _host.App.Create<ScheduleFunctions>();
        foreach (var firedAt in new[] { Occurrence.AddMilliseconds(-700), Occurrence.AddMilliseconds(900), Occurrence.AddSeconds(25) })
        {
            _host.App.Clock.SetUtcNow(firedAt);
            await timers.Outcomes(new TimerInfo(), _host.Client, CancellationToken.None);
        }

        const string Id = "outcomes-20261121T050000";
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var run = await _host.Client.WaitForInstanceCompletionAsync(Id, true, cts.Token);
        Assert.Equal((MaintenanceOrchestrations.Outcomes, OrchestrationRuntimeStatus.Completed), (run.Name, run.RuntimeStatus));

        // A completed instance is not started again by a late firing of its occurrence: still one run of the activity.
        _host.App.Clock.SetUtcNow(Occurrence.AddSeconds(40));
        await timers.Outcomes(new TimerInfo(), _host.Client, CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(_host.Calls, c => c.Name == ActivityNames.RefreshOutcomes);

        _host.App.Clock.SetUtcNow(Occurrence.AddMinutes(15).AddSeconds(1));
        await timers.Outcomes(new TimerInfo(), _host.Client, CancellationToken.None);
        run = await _host.Client.WaitForInstanceCompletionAsync("outcomes-20261121T051500", true, cts.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, run.RuntimeStatus);
    }

    [Fact]
    public async Task AFailedRun_IsStartedAgainUnderItsIdByTheNextFiringOfItsOccurrence()
    {
        var starter = new DurableOrchestrationStarter(_host.Client);
        _host.FailNext(ActivityNames.RefreshOutcomes, PipelineRetryPolicy.Default.MaxAttempts);
        await starter.StartAsync(MaintenanceOrchestrations.Outcomes, "outcomes-failed", "outcomes-failed");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Assert.Equal(OrchestrationRuntimeStatus.Failed, (await _host.Client.WaitForInstanceCompletionAsync("outcomes-failed", false, cts.Token)).RuntimeStatus);

        await starter.StartAsync(MaintenanceOrchestrations.Outcomes, "outcomes-failed", "outcomes-failed");
        var again = await _host.Client.WaitForInstanceCompletionAsync("outcomes-failed", false, cts.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, again.RuntimeStatus);
    }
}
