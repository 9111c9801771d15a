using MarketIntel.Core.Market;
using MarketIntel.Ingestion.Bridge;
using MarketIntel.Ingestion.Metrics;
using MarketIntel.Ingestion.Providers;
using MarketIntel.Ingestion.Streaming;
using MarketIntel.Storage.Tests.Emulators;

namespace MarketIntel.Ingestion.Tests.Bridge;

/// <summary>Two instances' tick bridges on one blob lease (Azurite): one publishes, the other stands by and takes over.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class GuardedTickBridgeTests(AzuriteFixture azurite) : IDisposable
{
    private static readonly DateTime Start = new(2024, 3, 4, 9, 0, 0, DateTimeKind.Utc);
    private readonly TestStores _stores = new();

    public void Dispose() => _stores.Dispose();

    [Fact]
    public async Task OnlyTheLeaseHolderStreamsAndPublishes_AndAStoppingHolderHandsOverToTheStandby()
    {
        var blob = azurite.NewContainer().GetBlobClient("tick-bridge");
        var (streamA, sinkA, bridgeA) = Bridge(new BlobSingletonLease(blob, TimeSpan.FromSeconds(15)));
        var (streamB, sinkB, bridgeB) = Bridge(new BlobSingletonLease(blob, TimeSpan.FromSeconds(15)));
        using var stopA = new CancellationTokenSource();
        using var stopB = new CancellationTokenSource();

        var runA = bridgeA.RunGuardedAsync(stopA.Token);
        await Until(() => streamA.Connections == 1);
        var runB = bridgeB.RunGuardedAsync(stopB.Token);
        for (var i = 1; i <= 5; i++)
        {
            streamA.Send(Trade(i));
        }

        await Until(() => sinkA.Batches.Sum(b => b.Count) == 5);

        // B keeps trying (every 5 s) but neither connects its stream nor publishes while A holds the lease.
        await Task.Delay(TimeSpan.FromSeconds(6));
        Assert.Equal(0, streamB.Connections);
        Assert.Empty(sinkB.Batches);
        Assert.False(bridgeB.Guard!.Holding);

        // A stops (scale-in, deployment): it releases, so B takes over at its next retry rather than at expiry.
        await stopA.CancelAsync();
        await runA;
        await Until(() => streamB.Connections == 1);
        for (var i = 6; i <= 10; i++)
        {
            streamB.Send(Trade(i));
        }

        await Until(() => sinkB.Batches.Sum(b => b.Count) == 5);
        await stopB.CancelAsync();
        await runB;

        // Every trade published once, by whichever instance held the lease when it arrived.
        Assert.Equal(Ids(1, 5), Published(sinkA));
        Assert.Equal(Ids(6, 10), Published(sinkB));
    }

    private (ScriptedTradeStream Stream, RecordingSink Sink, TickBridge Bridge) Bridge(ISingletonLease lease)
    {
        var stream = new ScriptedTradeStream();
        var sink = new RecordingSink();
        var options = new TickBridgeOptions { Symbols = ["BTC-USD"], MaxBatchMessages = 1, RepairFromRest = false };
        return (stream, sink, new TickBridge([stream], sink, options, new TickBatchOptions(), new IngestionMetrics(), TimeProvider.System, _stores.Records, lease: lease));
    }

    private static List<string> Ids(int from, int to) => [.. Enumerable.Range(from, to - from + 1).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    private static List<string> Published(RecordingSink sink) =>
        [.. sink.Batches.SelectMany(b => b).Select(m => TickMessageFormat.TryParse(m.Json, out var tick, out _, out _) ? tick.TradeId.ToString() : "?")];

    private static TradeStreamEvent Trade(long id) =>
        TradeStreamEvent.Trade(new Tick(Start.AddSeconds(id), new Symbol("BTC-USD"), 100 + id, 1m, new TradeId(id)), Start.AddSeconds(id));

    private static async Task Until(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
