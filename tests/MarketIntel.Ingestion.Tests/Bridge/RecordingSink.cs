using System.Collections.Concurrent;
using MarketIntel.Ingestion.Bridge;

namespace MarketIntel.Ingestion.Tests.Bridge;

/// <summary>Keeps every batch it is given; can refuse the first ones (a sink outage).</summary>
public sealed class RecordingSink : ITickBatchSink
{
    private int _refuse;

    public ConcurrentQueue<IReadOnlyList<TickMessage>> Batches { get; } = new();

    public string Name => "recording";

    public int Attempts;

    public void RefuseNext(int count) => _refuse = count;

    public Task SendAsync(IReadOnlyList<TickMessage> batch, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Attempts);
        if (Interlocked.Decrement(ref _refuse) >= 0)
        {
            throw new IOException("sink unavailable");
        }

        Batches.Enqueue([.. batch]);
        return Task.CompletedTask;
    }
}
