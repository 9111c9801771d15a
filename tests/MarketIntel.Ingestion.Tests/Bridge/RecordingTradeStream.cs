using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using MarketIntel.Core.Market;
using MarketIntel.Ingestion.Instruments;
using MarketIntel.Ingestion.Providers;

namespace MarketIntel.Ingestion.Tests.Bridge;

/// <summary>Passes a real stream through and keeps the trades it delivered, in delivery order (the reference run's input).</summary>
public sealed class RecordingTradeStream(ITradeStream inner) : ITradeStream
{
    public ConcurrentQueue<Tick> Delivered { get; } = new();

    public string Name => inner.Name;

    public Instrument Resolve(string symbol) => inner.Resolve(symbol);

    public async IAsyncEnumerable<TradeStreamEvent> StreamAsync(IReadOnlyList<Instrument> instruments, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var e in inner.StreamAsync(instruments, cancellationToken))
        {
            if (e.Kind == TradeStreamEventKind.Trade)
            {
                Delivered.Enqueue(e.Tick);
            }

            yield return e;
        }
    }
}
