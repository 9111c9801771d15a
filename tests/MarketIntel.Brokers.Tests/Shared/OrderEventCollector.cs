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

    public static async Task WaitForLogAsync(RecordingLogger log, string text)
    {
        ArgumentNullException.ThrowIfNull(log);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!log.Lines.Any(l => l.Contains(text, StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"never logged '{text}'");
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
