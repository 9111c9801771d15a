using MarketIntel.Ingestion.Bridge;
using Microsoft.Extensions.Time.Testing;

namespace MarketIntel.Ingestion.Tests.Bridge;

/// <summary>The guard's logic on a scripted lease and a fake clock: one holder at a time, lost leases stop at once, hand-overs.</summary>
public sealed class SingletonLeaseRunnerTests
{
    private static readonly TimeSpan RealTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task TwoRunnersOnOneLease_OnlyOneRunsTheWork_AndStoppingHandsOverAtOnce()
    {
        var time = new FakeTimeProvider();
        var table = new LeaseTable(time);
        var running = new RunningCount();
        var a = new SingletonLeaseRunner(table.NewLease(), time);
        var b = new SingletonLeaseRunner(table.NewLease(), time);
        using var stopA = new CancellationTokenSource();
        using var stopB = new CancellationTokenSource();

        var runA = a.RunAsync(running.WorkAsync, stopA.Token);
        await WaitUntilAsync(() => a.Holding && running.Now == 1);
        var runB = b.RunAsync(running.WorkAsync, stopB.Token);
        for (var i = 0; i < 20; i++)
        {
            // Many renewals and retries later: still A only.
            time.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(5);
            Assert.False(b.Holding);
            Assert.Equal(1, running.Now);
        }

        await stopA.CancelAsync();
        await runA;
        Assert.Equal(0, running.Now);
        Assert.Null(table.HolderOrNull);

        // Released, not expired: B takes it at its next retry, well within the lease period.
        time.Advance(TimeSpan.FromSeconds(10));
        await WaitUntilAsync(() => b.Holding && running.Now == 1);
        Assert.Equal(1, running.MaxConcurrent);

        await stopB.CancelAsync();
        await runB;
    }

    [Fact]
    public async Task AHolderWhoseRenewalFails_StopsTheWorkAtOnce_AndTheOtherTakesOverAfterExpiry()
    {
        var time = new FakeTimeProvider();
        var table = new LeaseTable(time);
        var running = new RunningCount();
        var leaseA = table.NewLease();
        var a = new SingletonLeaseRunner(leaseA, time);
        var b = new SingletonLeaseRunner(table.NewLease(), time);
        using var stop = new CancellationTokenSource();
        var runA = a.RunAsync(running.WorkAsync, stop.Token);
        await WaitUntilAsync(() => a.Holding);
        var runB = b.RunAsync(running.WorkAsync, stop.Token);

        // A is cut off (a network partition): the lease runs out; A must stop at its first failed renewal.
        leaseA.Partitioned = true;
        time.Advance(TimeSpan.FromSeconds(10));
        await WaitUntilAsync(() => !a.Holding && running.Now == 0);
        Assert.False(b.Holding);

        // The lease expires 30 s after A's last renewal; B's next retry after that takes it, not before.
        for (var waited = 0; waited < 15; waited += 5)
        {
            time.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(20);
            Assert.False(b.Holding);
        }

        for (var waited = 15; !b.Holding; waited += 5)
        {
            Assert.True(waited <= 40, "B did not take over within the lease period plus a retry");
            time.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(20);
        }

        await WaitUntilAsync(() => running.Now == 1);
        Assert.Equal(1, running.MaxConcurrent);

        await stop.CancelAsync();
        await Task.WhenAll(runA, runB);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var started = DateTime.UtcNow;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow - started < RealTimeout, "timed out");
            await Task.Delay(5);
        }
    }

    /// <summary>Counts the work's concurrent runs (the property under test: never two).</summary>
    private sealed class RunningCount
    {
        private int _now;
        private int _max;

        public int Now => Volatile.Read(ref _now);

        public int MaxConcurrent => Volatile.Read(ref _max);

        public async Task WorkAsync(CancellationToken cancellationToken)
        {
            var now = Interlocked.Increment(ref _now);
            InterlockedMax(now);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            finally
            {
                Interlocked.Decrement(ref _now);
            }
        }

        private void InterlockedMax(int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref _max)) < value && Interlocked.CompareExchange(ref _max, value, seen) != seen)
            {
            }
        }
    }

    /// <summary>One leased resource with the blob lease's rules (one holder, expiry after 30 s, renew and release by the holder only).</summary>
    private sealed class LeaseTable(TimeProvider time)
    {
        private readonly Lock _gate = new();
        private int _nextId;

        private DateTimeOffset _expires;

        public int? HolderOrNull { get; private set; }

        public ScriptedLease NewLease() => new(this, ++_nextId);

        public bool Acquire(int id)
        {
            lock (_gate)
            {
                if (HolderOrNull is { } holder && holder != id && time.GetUtcNow() < _expires)
                {
                    return false;
                }

                HolderOrNull = id;
                _expires = time.GetUtcNow() + TimeSpan.FromSeconds(30);
                return true;
            }
        }

        public bool Renew(int id)
        {
            lock (_gate)
            {
                if (HolderOrNull != id || time.GetUtcNow() >= _expires)
                {
                    return false;
                }

                _expires = time.GetUtcNow() + TimeSpan.FromSeconds(30);
                return true;
            }
        }

        public void Release(int id)
        {
            lock (_gate)
            {
                if (HolderOrNull == id)
                {
                    HolderOrNull = null;
                }
            }
        }
    }

    private sealed class ScriptedLease(LeaseTable table, int id) : ISingletonLease
    {
        /// <summary>Cut off from the lease store: every call fails, as the blob calls of a partitioned instance would.</summary>
        public bool Partitioned { get; set; }

        public TimeSpan Duration => TimeSpan.FromSeconds(30);

        public Task<bool> TryAcquireAsync(CancellationToken cancellationToken) =>
            Partitioned ? throw new HttpRequestException("partitioned") : Task.FromResult(table.Acquire(id));

        public Task<bool> RenewAsync(CancellationToken cancellationToken) =>
            Partitioned ? throw new HttpRequestException("partitioned") : Task.FromResult(table.Renew(id));

        public Task ReleaseAsync(CancellationToken cancellationToken)
        {
            table.Release(id);
            return Task.CompletedTask;
        }
    }
}
