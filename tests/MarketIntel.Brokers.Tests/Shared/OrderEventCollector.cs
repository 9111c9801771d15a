using MarketIntel.Core.Brokerage;

namespace MarketIntel.Brokers.Tests.Shared;

/// <summary>Reads an adapter's order event stream in the background and lets a test wait for a count of events or a log line.</summary>
public sealed class OrderEventCollector : IAsyncDisposable
{
    private readonly List<BrokerOrderEvent> _events = [];
    private readonly CancellationTokenSource _stop = new(TimeSpan.FromSeconds(60));
    private readonly Task _reader;
    private bool _disposed;

    public OrderEventCollector(IBroker broker)
    {
        ArgumentNullException.ThrowIfNull(broker);
        _reader = Task.Run(async () =>
        {
            await foreach (var e in broker.StreamOrderEventsAsync(_stop.Token))
            {
                lock (_events)
                {
                    _events.Add(e);
                }
            }
        });
    }

    public IReadOnlyList<BrokerOrderEvent> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public async Task WaitForAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (Events.Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"waited for {count} events, have {Events.Count}");
            await Task.Delay(20);
        }
    }

    /// <summary>
    /// Waits until <paramref name="text"/> has been logged <paramref name="more"/> more times than now: two failed polls
    /// after a fault is switched on prove that no poll begun before it is still in flight.
    /// </summary>
    public static async Task WaitForMoreLogAsync(RecordingLogger log, string text, int more)
    {
        ArgumentNullException.ThrowIfNull(log);
        int Count() => log.Lines.Count(l => l.Contains(text, StringComparison.Ordinal));
        var target = Count() + more;
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (Count() < target)
        {
            Assert.True(DateTime.UtcNow < deadline, $"'{text}' was not logged {more} more times");
            await Task.Delay(20);
        }
    }

    /// <summary>Stops the stream and waits for the reader to end.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _stop.CancelAsync();
        await _reader;
        _stop.Dispose();
    }
}
