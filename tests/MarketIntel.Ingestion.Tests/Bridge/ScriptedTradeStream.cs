using System.Runtime.CompilerServices;
using System.Threading.Channels;
using MarketIntel.Ingestion.Instruments;
using MarketIntel.Ingestion.Providers;
using MarketIntel.Ingestion.Simulation;

namespace MarketIntel.Ingestion.Tests.Bridge;

/// <summary>A trade stream the test writes to: events, the end of the current connection, or a failure of it. Counts its connections.</summary>
public sealed class ScriptedTradeStream : ITradeStream
{
    private readonly Channel<object> _script = Channel.CreateUnbounded<object>();
    private int _connections;

    public string Name => ProviderNames.Simulator;

    public int Connections => Volatile.Read(ref _connections);

    public Instrument Resolve(string symbol) => MarketSimulator.Resolve(symbol);

    public void Send(TradeStreamEvent e) => _script.Writer.TryWrite(e);

    /// <summary>The current enumeration ends (as a stream that closes).</summary>
    public void End() => _script.Writer.TryWrite(EndMarker.Instance);

    /// <summary>The current enumeration throws.</summary>
    public void Fail(Exception failure) => _script.Writer.TryWrite(failure);

    public async IAsyncEnumerable<TradeStreamEvent> StreamAsync(IReadOnlyList<Instrument> instruments, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _connections);
        while (true)
        {
            var next = await _script.Reader.ReadAsync(cancellationToken);
            switch (next)
            {
                case TradeStreamEvent e:
                    yield return e;
                    break;
                case Exception failure:
                    throw failure;
                default:
                    yield break;
            }
        }
    }

    private sealed class EndMarker
    {
        public static readonly EndMarker Instance = new();
    }
}
