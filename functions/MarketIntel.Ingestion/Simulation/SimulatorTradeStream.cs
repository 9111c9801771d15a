using System.Runtime.CompilerServices;
using MarketIntel.Core.Market;
using MarketIntel.Ingestion.Instruments;
using MarketIntel.Ingestion.Providers;

namespace MarketIntel.Ingestion.Simulation;

/// <summary>
/// The simulator's trades as a stream, minute by minute, with its stream faults applied deterministically: connection
/// drops (the trades of the outage are lost to the stream), duplicated, late (out-of-order) and malformed messages.
/// </summary>
public sealed class SimulatorTradeStream(MarketSimulator simulator, TimeProvider timeProvider, SimulatorStreamOptions? options = null) : ITradeStream
{
    private const ulong DropoutSalt = 0x44524F50UL;
    private const ulong DuplicateSalt = 0x54445550UL;
    private const ulong LateSalt = 0x4C415445UL;
    private const ulong MalformedSalt = 0x4D414C46UL;

    private readonly SimulatorStreamOptions _options = options ?? new SimulatorStreamOptions();

    public string Name => ProviderNames.Simulator;

    public Instrument Resolve(string symbol) => MarketSimulator.Resolve(symbol);

    public async IAsyncEnumerable<TradeStreamEvent> StreamAsync(IReadOnlyList<Instrument> instruments, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        var faults = simulator.Options.Faults;
        var seed = simulator.Options.Seed;
        var minute = Timeframe.OneMinute.BucketStart(_options.StartUtc ?? timeProvider.GetUtcNow().UtcDateTime);
        var pending = new PriorityQueue<TradeStreamEvent, (DateTime Delivery, long Order)>();
        long order = 0;
        DateTime? outageEnd = null;
        yield return TradeStreamEvent.Connected(minute, isReconnect: false);
        while (_options.EndUtc is not { } end || minute < end)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var minuteEnd = minute.AddMinutes(1);
            var minuteKey = (ulong)minute.Ticks;
            if (outageEnd is { } resumeAt && minute >= resumeAt)
            {
                outageEnd = null;
                yield return TradeStreamEvent.Connected(minute, isReconnect: true);
            }

            if (outageEnd is null && faults.StreamDropoutRate > 0 && SimulationRandom.Unit(seed, DropoutSalt, minuteKey) < faults.StreamDropoutRate)
            {
                outageEnd = minute + faults.DropoutLength;
                yield return TradeStreamEvent.Disconnected(minute, "simulated connection drop");
            }

            if (outageEnd is null)
            {
                foreach (var instrument in instruments)
                {
                    var symbolKey = SimulationRandom.Hash(instrument.Symbol.Value);
                    foreach (var tick in simulator.Ticks(instrument, minute, minuteEnd))
                    {
                        var id = (ulong)tick.TradeId.GetHashCode();
                        if (SimulationRandom.Unit(seed, symbolKey ^ MalformedSalt, id) < faults.MalformedTickRate)
                        {
                            pending.Enqueue(TradeStreamEvent.Rejected(RejectReasons.Malformed, $"simulated malformed message for trade {tick.TradeId} of {tick.Symbol}", tick.Timestamp), (tick.Timestamp, order++));
                            continue;
                        }

                        var delivery = SimulationRandom.Unit(seed, symbolKey ^ LateSalt, id) < faults.LateTickRate ? tick.Timestamp + faults.LateBy : tick.Timestamp;
                        pending.Enqueue(TradeStreamEvent.Trade(tick, delivery), (delivery, order++));
                        if (SimulationRandom.Unit(seed, symbolKey ^ DuplicateSalt, id) < faults.DuplicateTickRate)
                        {
                            pending.Enqueue(TradeStreamEvent.Trade(tick, delivery.AddSeconds(1)), (delivery.AddSeconds(1), order++));
                        }
                    }
                }
            }

            while (pending.TryPeek(out _, out var due) && due.Delivery < minuteEnd)
            {
                var next = pending.Dequeue();
                if (_options.Paced)
                {
                    await WaitUntilAsync(due.Delivery, cancellationToken).ConfigureAwait(false);
                }

                yield return next with { At = due.Delivery };
            }

            minute = minuteEnd;
        }

        // A replay ends like a connection that drops for good: consumers repair what an outage in progress missed.
        yield return TradeStreamEvent.Disconnected(minute, "replay ended");
    }

    private async Task WaitUntilAsync(DateTime utc, CancellationToken cancellationToken)
    {
        var wait = utc - timeProvider.GetUtcNow().UtcDateTime;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }
}
