using MarketIntel.Core.Storage;
using MarketIntel.Pipeline.Activities;
using MarketIntel.Pipeline.Engine;
using MarketIntel.Pipeline.Engine.Local;
using MarketIntel.Pipeline.ReadModels;
using MarketIntel.Pipeline.Workflows;
using MarketIntel.Storage.Embedded;
using Microsoft.Extensions.Time.Testing;

namespace MarketIntel.Pipeline.Tests.Local;

public sealed class LocalOrchestrationRunnerTests : IDisposable
{
    // A fake clock that starts a second before midnight and is moved only by the test: runs are filed under the day
    // they started, even when their retries carry them into the next.
    private static readonly DateTime Now = new(2026, 1, 15, 23, 59, 59, DateTimeKind.Utc);
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(Now));
    private readonly string _data = Directory.CreateTempSubdirectory("marketintel-runner-").FullName;
    private readonly IRecordStore _records;

    public LocalOrchestrationRunnerTests() => _records = new EmbeddedRecordStore(new EmbeddedDatabase(_data), TimeProvider.System);

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private static int _maxConcurrent;
    private static int _concurrent;

    private static LocalPipelineRegistry Registry(Func<int, CancellationToken, Task<long>> work, IRecordStore records) => new LocalPipelineRegistry()
        .AddOrchestration<List<int>, long>("Sum", (context, items) => RunLifecycle.RunAsync(context, context.InstanceId, "Sum", PipelineRetryPolicy.None, async () =>
        {
            var parts = await FanOut.RunAsync<int, long>(context, "Work", items, new FanOutOptions(3, PipelineRetryPolicy.Default with { FirstRetryInterval = TimeSpan.FromMilliseconds(1) }));
            return (parts.Sum(), parts.Sum().ToString(System.Globalization.CultureInfo.InvariantCulture));
        }))
        .AddActivity<int, long>("Work", work)
        .AddActivity<RunRecord, bool>(ActivityNames.RecordRun, (r, ct) => new RunRecordActivities(records).RecordAsync(r, null, ct));

    private async Task<RunRecord> RunOf(string id)
    {
        var partition = RunRecordActivities.Partition(Today.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        return (await _records.GetAsync<RunRecord>(RecordKinds.OrchestrationRun, partition, id))!.Payload;
    }

    [Fact]
    public async Task Run_BoundsParallelActivities_RetriesAndRecordsCompletion()
    {
        var failedOnce = 0;
        var registry = Registry(async (i, ct) =>
        {
            var now = Interlocked.Increment(ref _concurrent);
            InterlockedMax(ref _maxConcurrent, now);
            try
            {
                await Task.Delay(20, ct);
                if (i == 4 && Interlocked.Exchange(ref failedOnce, 1) == 0)
                {
                    throw new TimeoutException("transient");
                }

                return i * 10L;
            }
            finally
            {
                Interlocked.Decrement(ref _concurrent);
            }
        }, _records);
        await using var runner = new LocalOrchestrationRunner(registry, _records, _clock, maxParallelActivities: 2);
        await runner.StartAsync("Sum", "sum-1", Enumerable.Range(1, 8).ToList());
        await ClockRunsUntilAsync(runner.WaitAsync("sum-1"));

        var run = await RunOf("sum-1");
        Assert.Equal((RunStatus.Completed, "360"), (run.Status, run.Summary));
        Assert.True(_maxConcurrent <= 2, $"at most 2 activities at once, saw {_maxConcurrent}");
        Assert.Equal(1, failedOnce);
        Assert.Equal(1, runner.Completed);
    }

    [Fact]
    public async Task FailingActivity_RecordsTheRunAsFailedWithTheReason()
    {
        var registry = Registry((i, _) => i == 2 ? throw new InvalidOperationException("provider unreachable") : Task.FromResult((long)i), _records);
        await using var runner = new LocalOrchestrationRunner(registry, _records, _clock, 4);
        await runner.StartAsync("Sum", "sum-2", new List<int> { 1, 2, 3 });
        await ClockRunsUntilAsync(runner.WaitAsync("sum-2"));
        var run = await RunOf("sum-2");
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains("provider unreachable", run.Reason, StringComparison.Ordinal);
        Assert.Equal(1, runner.Failed);
    }

    [Fact]
    public async Task RunLeftRunningByAStoppedHost_IsMarkedInterruptedWithTheReasonOnTheNextStart_Once()
    {
        var release = new TaskCompletionSource();
        var first = Registry(async (i, ct) =>
        {
            await release.Task.WaitAsync(ct);
            return i;
        }, _records);
        var runner = new LocalOrchestrationRunner(first, _records, _clock, 4);
        await runner.StartAsync("Sum", "sum-3", new List<int> { 1, 2, 3, 4 });
        await WaitForAsync(async () => (await TryRunOf("sum-3"))?.Status == RunStatus.Running);
        await ClockRunsUntilAsync(runner.StopAsync(TimeSpan.FromMilliseconds(50)));
        await runner.DisposeAsync();
        Assert.Equal(RunStatus.Running, (await RunOf("sum-3")).Status);

        await using var restarted = new LocalOrchestrationRunner(Registry((i, _) => Task.FromResult((long)i), _records), _records, _clock, 4);
        Assert.Equal(1, await restarted.InterruptUnfinishedAsync([Today]));
        var run = await RunOf("sum-3");
        Assert.Equal(RunStatus.Interrupted, run.Status);
        Assert.Contains("stopped while this run was in progress", run.Reason, StringComparison.Ordinal);
        Assert.Equal(0, await restarted.InterruptUnfinishedAsync([Today]));
    }

    [Fact]
    public async Task ScanAcceptedButNeverStarted_IsMarkedInterruptedAtTheNextStart()
    {
        // What POST /api/scans leaves when its host is killed after the 202 and before the orchestration's first record:
        // the scan's status record, Running, and no run record.
        var scans = new ScanRunStore(_records);
        var created = Now.AddMinutes(-3);
        await scans.SaveRunAsync(new ScanRunDocument("scan-abandoned", "breakout", RunStatus.Running, created, null, "1d", ["AAPL"], [], 0, 0, null, null,
            System.Text.Json.JsonSerializer.SerializeToElement(new { name = "breakout" })), System.Text.Json.JsonSerializer.SerializeToElement(new { }));

        await using var restarted = new LocalOrchestrationRunner(Registry((i, _) => Task.FromResult((long)i), _records), _records, _clock, 4);
        Assert.Equal(1, await restarted.InterruptUnfinishedAsync([Today]));

        var scan = (await scans.GetRunAsync("scan-abandoned"))!.Value.Run;
        Assert.Equal(RunStatus.Interrupted, scan.Status);
        Assert.Contains("stopped before this scan's run started", scan.Reason, StringComparison.Ordinal);
        Assert.Equal(RunStatus.Interrupted, (await RunOf("scan-abandoned")).Status);
        Assert.Equal(0, await restarted.InterruptUnfinishedAsync([Today]));
    }

    [Fact]
    public async Task RunningInThisProcess_IsNotMarkedInterrupted_AndIsNotStartedTwice()
    {
        var release = new TaskCompletionSource();
        var calls = 0;
        var registry = Registry(async (i, ct) =>
        {
            Interlocked.Increment(ref calls);
            await release.Task.WaitAsync(ct);
            return i;
        }, _records);
        await using var runner = new LocalOrchestrationRunner(registry, _records, _clock, 4);
        await runner.StartAsync("Sum", "sum-4", new List<int> { 1, 2 });
        await WaitForAsync(async () => (await TryRunOf("sum-4"))?.Status == RunStatus.Running && Volatile.Read(ref calls) == 2);
        await runner.StartAsync("Sum", "sum-4", new List<int> { 1, 2 });
        Assert.Equal(0, await runner.InterruptUnfinishedAsync([Today]));
        release.SetResult();
        await runner.WaitAsync("sum-4");
        Assert.Equal(2, calls);
        Assert.Equal(RunStatus.Completed, (await RunOf("sum-4")).Status);
    }

    private async Task<RunRecord?> TryRunOf(string id)
    {
        var partition = RunRecordActivities.Partition(Today.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        return (await _records.GetAsync<RunRecord>(RecordKinds.OrchestrationRun, partition, id))?.Payload;
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 500; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException("the condition did not hold within 5 s");
    }

    /// <summary>
    /// Waits for work that sleeps on the fake clock (activity retries, 2 s in the fan-out's default policy; the stop grace
    /// period), moving the clock 50 ms at a time while it runs; work that cannot finish fails the test instead of hanging it.
    /// </summary>
    private async Task ClockRunsUntilAsync(Task work)
    {
        for (var step = 0; step < 400 && !work.IsCompleted; step++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(50));
            await Task.WhenAny(work, Task.Delay(5));
        }

        Assert.True(work.IsCompleted, "the work did not end within 20 s of fake time");
        await work;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
