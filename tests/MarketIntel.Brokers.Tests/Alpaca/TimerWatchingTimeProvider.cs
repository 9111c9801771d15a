using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace MarketIntel.Brokers.Tests.Alpaca;

/// <summary>
/// A fake clock that also tells when a timer has been started on it, so a test moves the clock only once the code under
/// test is really waiting (a log line announcing a wait comes just before the wait starts, which a busy machine can stretch).
/// </summary>
public sealed class TimerWatchingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly ConcurrentQueue<TimeSpan> _started = new();

    /// <summary>The due times of the timers started so far, in order.</summary>
    public IReadOnlyCollection<TimeSpan> StartedTimers => _started;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _started.Enqueue(dueTime);
        return timer;
    }
}
