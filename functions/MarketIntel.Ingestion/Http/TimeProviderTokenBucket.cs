using System.Threading.RateLimiting;

namespace MarketIntel.Ingestion.Http;

/// <summary>
/// A token-bucket <see cref="RateLimiter"/> whose refills come from a <see cref="TimeProvider"/> timer, so that a test
/// clock drives it (the framework's <see cref="TokenBucketRateLimiter"/> measures refill periods on the real clock).
/// The bucket holds up to <c>limit</c> tokens, gains <c>perPeriod</c> every <c>period</c>, and serves waiters first come,
/// first served: a request never overtakes an earlier one.
/// </summary>
public sealed class TimeProviderTokenBucket : RateLimiter
{
    private static readonly RateLimitLease Granted = new Lease(true);
    private static readonly RateLimitLease Refused = new Lease(false);
    private readonly Lock _lock = new();
    private readonly LinkedList<Waiter> _queue = new();
    private readonly int _limit;
    private readonly int _perPeriod;
    private readonly int _queueLimit;
    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private int _tokens;
    private int _queued;
    private long _granted;
    private long _refused;
    private long _fullSince;
    private bool _disposed;

    public TimeProviderTokenBucket(int limit, int perPeriod, TimeSpan period, TimeProvider timeProvider, int queueLimit = 100_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(perPeriod, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);
        _limit = limit;
        _perPeriod = perPeriod;
        _queueLimit = queueLimit;
        _time = timeProvider;
        _tokens = limit;
        _fullSince = timeProvider.GetTimestamp();
        _timer = timeProvider.CreateTimer(static state => ((TimeProviderTokenBucket)state!).Refill(), this, period, period);
    }

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_lock)
            {
                return _queued == 0 && _tokens == _limit ? _time.GetElapsedTime(_fullSince) : null;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_lock)
        {
            return new RateLimiterStatistics { CurrentAvailablePermits = _tokens, CurrentQueuedCount = _queued, TotalSuccessfulLeases = _granted, TotalFailedLeases = _refused };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        lock (_lock)
        {
            if (!_disposed && _queue.Count == 0 && _tokens >= permitCount)
            {
                _tokens -= permitCount;
                _granted++;
                return Granted;
            }

            _refused++;
            return Refused;
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, _limit);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_queue.Count == 0 && _tokens >= permitCount)
            {
                _tokens -= permitCount;
                _granted++;
                return ValueTask.FromResult(Granted);
            }

            if (_queued + permitCount > _queueLimit)
            {
                _refused++;
                return ValueTask.FromResult(Refused);
            }

            var waiter = new Waiter(permitCount);
            var node = _queue.AddLast(waiter);
            _queued += permitCount;
            if (cancellationToken.CanBeCanceled)
            {
                waiter.Registration = cancellationToken.Register(() => Cancel(node, cancellationToken));
            }

            return new ValueTask<RateLimitLease>(waiter.Completion.Task);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            List<Waiter> pending;
            lock (_lock)
            {
                _disposed = true;
                pending = [.. _queue];
                _queue.Clear();
                _queued = 0;
            }

            _timer.Dispose();
            foreach (var waiter in pending)
            {
                waiter.Registration.Dispose();
                waiter.Completion.TrySetResult(Refused);
            }
        }

        base.Dispose(disposing);
    }

    private void Refill()
    {
        var ready = new List<Waiter>();
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _tokens = Math.Min(_limit, _tokens + _perPeriod);
            while (_queue.First is { } first && _tokens >= first.Value.Permits)
            {
                _tokens -= first.Value.Permits;
                _queued -= first.Value.Permits;
                _granted++;
                _queue.RemoveFirst();
                ready.Add(first.Value);
            }

            if (_tokens == _limit && _queue.Count == 0)
            {
                _fullSince = _time.GetTimestamp();
            }
        }

        foreach (var waiter in ready)
        {
            waiter.Registration.Dispose();
            waiter.Completion.TrySetResult(Granted);
        }
    }

    private void Cancel(LinkedListNode<Waiter> node, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (node.List is null)
            {
                return;
            }

            _queue.Remove(node);
            _queued -= node.Value.Permits;
        }

        node.Value.Completion.TrySetCanceled(cancellationToken);
    }

    private sealed class Waiter(int permits)
    {
        public int Permits { get; } = permits;

        public TaskCompletionSource<RateLimitLease> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenRegistration Registration { get; set; }
    }

    private sealed class Lease(bool acquired) : RateLimitLease
    {
        public override bool IsAcquired { get; } = acquired;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
