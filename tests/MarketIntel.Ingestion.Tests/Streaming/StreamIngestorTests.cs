using MarketIntel.Core.Market;
using MarketIntel.Ingestion.Http;
using MarketIntel.Ingestion.Metrics;
using MarketIntel.Ingestion.Providers;
using MarketIntel.Ingestion.Providers.Binance;
using MarketIntel.Ingestion.Service;
using MarketIntel.Ingestion.Simulation;
using MarketIntel.Ingestion.Streaming;
using MarketIntel.Ingestion.Tests.Fakes;

using MarketIntel.Ingestion.Tests.Service;

namespace MarketIntel.Ingestion.Tests.Streaming;

public sealed class StreamIngestorTests : IDisposable
{
    private static readonly DateTime Start = new(2024, 3, 4, 9, 0, 0, DateTimeKind.Utc);
    private readonly TestStores _stores = new();

    public void Dispose() => _stores.Dispose();

    [Fact]
    public async Task ACleanStream_StoresExactlyTheSimulatorsBars()
    {
        var simulator = new MarketSimulator();
        var stream = new SimulatorTradeStream(simulator, TimeProvider.System, new SimulatorStreamOptions { StartUtc = Start, EndUtc = Start.AddMinutes(90), Paced = false });
        var ingestor = new StreamIngestor(stream, _stores.Bars, _stores.Records, new IngestionMetrics(), TimeProvider.System);

        var summary = await ingestor.RunAsync(["BTC-USD", "ETH-USD"]);

        Assert.Equal(180, summary.BarsWritten);
        Assert.Equal(0, summary.TradesRejected);
        await AssertStoredExactlyAsync(simulator, "BTC-USD", Start, Start.AddMinutes(90));
        await AssertStoredExactlyAsync(simulator, "ETH-USD", Start, Start.AddMinutes(90));
    }

    [Fact]
    public async Task DropsDuplicatesLateAndMalformedTrades_AreRepairedFromRest_SoNoBarIsLostOrWrong()
    {
        var faults = new SimulatedFaults { StreamDropoutRate = 0.02, DuplicateTickRate = 0.01, LateTickRate = 0.003, MalformedTickRate = 0.003 };
        var simulator = new MarketSimulator(new MarketSimulatorOptions { Faults = faults });
        var stream = new SimulatorTradeStream(simulator, TimeProvider.System, new SimulatorStreamOptions { StartUtc = Start, EndUtc = Start.AddHours(3), Paced = false });
        var metrics = new IngestionMetrics();
        var rest = new IngestionService([new SimulatorBarProvider(simulator)], _stores.Bars, _stores.Records, metrics, TimeProvider.System);
        var ingestor = new StreamIngestor(stream, _stores.Bars, _stores.Records, metrics, TimeProvider.System, rest, new StreamIngestorOptions { BackfillProvider = "simulator" });

        var summary = await ingestor.RunAsync(["BTC-USD", "SOL-USD"]);

        Assert.True(summary.Reconnects >= 2, $"{summary.Reconnects} reconnects");
        Assert.True(summary.RepairRuns > summary.Reconnects);
        var rejected = metrics.Snapshot().For("simulator")!.TicksRejected;
        Assert.True(rejected[RejectReasons.Duplicate] > 0 && rejected[RejectReasons.Late] > 0 && rejected[RejectReasons.Malformed] > 0);
        await AssertStoredExactlyAsync(simulator, "BTC-USD", Start, Start.AddHours(3));
        await AssertStoredExactlyAsync(simulator, "SOL-USD", Start, Start.AddHours(3));
        var connectionEvents = await RecentEvents.ReadAsync(rest.Events, IngestionEventTypes.StreamConnection);
        Assert.Equal(summary.Reconnects, connectionEvents.Count(e => e.Message.StartsWith("stream reconnected", StringComparison.Ordinal)));
        Assert.Contains(connectionEvents, e => e.Message.EndsWith("replay ended", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ABinanceSocketThatDrops_IsReconnectedAndResubscribed_AndTheOutageIsBackfilledFromRest()
    {
        var simulator = new MarketSimulator();
        await using var server = await FakeBinanceServer.StartAsync(simulator);
        server.StreamFrom = Start;
        server.StreamTo = Start.AddMinutes(20);
        var btc = MarketSimulator.Resolve("BTC-USDT");
        var eth = MarketSimulator.Resolve("ETH-USDT");
        var trades = simulator.Ticks(btc, Start, Start.AddMinutes(20)).Count + simulator.Ticks(eth, Start, Start.AddMinutes(20)).Count;

        // The first connection drops after 40% of the trades; the second resumes 10% later (those trades are lost to the stream).
        server.DropStreamAfter = connection => connection == 1 ? trades * 4 / 10 : null;
        server.StreamResumeAt = connection => connection == 1 ? 0 : trades / 2;
        var metrics = new IngestionMetrics();
        var options = new ProviderResilienceOptions { MaxRetries = 2, RetryBaseDelay = TimeSpan.FromMilliseconds(20), RequestsPerPeriod = 1000, RateLimitBurst = 1000 };
        var client = ProviderHttpClient.Create("binance", server.BaseAddress, options, _stores.Archive, metrics, TimeProvider.System, "test");
        var rest = new IngestionService([new BinanceBarProvider(client)], _stores.Bars, _stores.Records, metrics, TimeProvider.System);
        var socketBase = new UriBuilder(server.BaseAddress) { Scheme = "ws" }.Uri;
        var stream = new BinanceTradeStream(socketBase, _stores.Archive, metrics, TimeProvider.System, "test",
            new WebSocketStreamOptions { InitialReconnectDelay = TimeSpan.FromMilliseconds(50), ArchiveFlushInterval = TimeSpan.FromMilliseconds(20) });
        var ingestor = new StreamIngestor(stream, _stores.Bars, _stores.Records, metrics, TimeProvider.System, rest, new StreamIngestorOptions { BackfillProvider = "binance" });
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var run = ingestor.RunAsync(["BTCUSDT", "ETHUSDT"], stop.Token);
        var expected = trades - (trades / 2) + (trades * 4 / 10);
        while (ingestor.Summary.TradesAccepted + ingestor.Summary.TradesRejected < expected && !stop.IsCancellationRequested)
        {
            await Task.Delay(20);
        }

        await stop.CancelAsync();
        var summary = await run;

        Assert.True(2 == server.StreamConnections, $"{server.StreamConnections} connections; {summary}; expected {expected} of {trades}; metrics {string.Join(",", metrics.Snapshot().For("binance")!.TicksRejected)} req {metrics.Snapshot().For("binance")!.Requests}");
        Assert.Equal(server.StreamPaths[0], server.StreamPaths[1]);
        Assert.Equal("/stream?streams=btcusdt@trade/ethusdt@trade", server.StreamPaths[0]);
        Assert.Equal(["""{"method":"SUBSCRIBE","params":["btcusdt@trade","ethusdt@trade"],"id":1}""", """{"method":"SUBSCRIBE","params":["btcusdt@trade","ethusdt@trade"],"id":1}"""], server.StreamSubscriptions);
        var events = await RecentEvents.ReadAsync(rest.Events);
        Assert.True(1 == summary.Reconnects, $"{summary}; metrics reconnects {metrics.Snapshot().For("binance")!.Reconnects}; events: {string.Join(" | ", events.Select(e => e.Type + ":" + e.Message))} server errors {string.Join(" || ", server.Errors)}");
        Assert.Equal(1, metrics.Snapshot().For("binance")!.Reconnects);

        // Every closed bar (the last minute is still open when the test stops) equals the market's.
        var lastClosed = Timeframe.OneMinute.BucketStart(summary.NewestTradeUtc!.Value);
        await AssertStoredExactlyAsync(simulator, "BTC-USDT", Start, lastClosed);
        await AssertStoredExactlyAsync(simulator, "ETH-USDT", Start, lastClosed);
        Assert.True(summary.BarsRepaired > 0);
    }

    private async Task AssertStoredExactlyAsync(MarketSimulator simulator, string symbol, DateTime from, DateTime to)
    {
        var instrument = MarketSimulator.Resolve(symbol);
        var truth = simulator.Bars(instrument, Timeframe.OneMinute, from, to);
        var stored = await _stores.ReadBarsAsync(instrument.Symbol, Timeframe.OneMinute, from, to);
        var missing = truth.Select(b => b.OpenTime).Except(stored.Select(b => b.OpenTime)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} of {truth.Count} bars missing: {string.Join(", ", missing.Take(10).Select(t => t.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)))}");
        var wrong = truth.Zip(stored).Where(p => p.First != p.Second).Select(p => p.First.OpenTime).ToList();
        Assert.True(wrong.Count == 0, $"{wrong.Count} bars differ: {string.Join(", ", wrong.Take(10).Select(t => t.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)))}");
    }
}
