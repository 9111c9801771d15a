using System.Globalization;
using MarketIntel.Core.Market;
using MarketIntel.Ingestion.Bridge;
using MarketIntel.Ingestion.Http;
using MarketIntel.Ingestion.Metrics;
using MarketIntel.Ingestion.Providers;
using MarketIntel.Ingestion.Providers.Binance;
using MarketIntel.Ingestion.Service;
using MarketIntel.Ingestion.Simulation;
using MarketIntel.Ingestion.Streaming;
using MarketIntel.Ingestion.Tests.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace MarketIntel.Ingestion.Tests.Bridge;

public sealed class TickBridgeTests : IDisposable
{
    private static readonly DateTime Start = new(2024, 3, 4, 9, 0, 0, DateTimeKind.Utc);
    private static readonly TickBatchOptions Ticks = new();
    private readonly TestStores _stores = new();

    public void Dispose() => _stores.Dispose();

    [Fact]
    public async Task SimulatorWithDropsDuplicatesLateAndMalformedTrades_StoredBarsAreOneAggregatorRunOverTheDeliveredTrades_OrTheRestRepair()
    {
        var faults = new SimulatedFaults { StreamDropoutRate = 0.02, DuplicateTickRate = 0.01, LateTickRate = 0.003, MalformedTickRate = 0.003 };
        var simulator = new MarketSimulator(new MarketSimulatorOptions { Faults = faults });
        var stream = new RecordingTradeStream(new SimulatorTradeStream(simulator, TimeProvider.System, new SimulatorStreamOptions { StartUtc = Start, EndUtc = Start.AddHours(3), Paced = false }));
        var metrics = new IngestionMetrics();
        var rest = new IngestionService([new SimulatorBarProvider(simulator)], _stores.Bars, _stores.Records, metrics, TimeProvider.System);
        var processor = new TickBatchProcessor(_stores.Archive, _stores.Bars, _stores.Records, TimeProvider.System, Ticks, metrics);
        var bridge = new TickBridge([stream], new InProcessTickSink(processor), Options(["BTC-USD", "SOL-USD"]) with { StopWhenStreamsEnd = true },
            Ticks, metrics, TimeProvider.System, _stores.Records, rest);

        await bridge.RunAsync(CancellationToken.None);

        var snapshot = metrics.Snapshot();
        var bridged = Assert.Single(snapshot.Streams);
        Assert.Equal(stream.Delivered.Count, bridged.Messages);
        Assert.True(bridged.Reconnects >= 2, $"{bridged.Reconnects} reconnects");
        var rejected = snapshot.For(Ticks.Source)!.TicksRejected;
        Assert.True(rejected.GetValueOrDefault(RejectReasons.Duplicate) > 0 && rejected.GetValueOrDefault(RejectReasons.Late) > 0, string.Join(",", rejected));
        Assert.True(snapshot.For("simulator")!.TicksRejected.GetValueOrDefault(RejectReasons.Malformed) > 0);
        var repairs = bridge.Repairs("simulator");
        Assert.True(repairs.Count > bridged.Reconnects);

        // The reference: one TickAggregator run (same timeframe and lateness) over the trades the stream delivered.
        var reference = new ClosedBars();
        var aggregator = new TickAggregator(new TickAggregatorOptions { Timeframes = [Ticks.Timeframe], AllowedLateness = Ticks.AllowedLateness }, reference);
        foreach (var tick in stream.Delivered)
        {
            aggregator.Offer(tick);
        }

        aggregator.Flush();
        foreach (var symbol in new[] { "BTC-USD", "SOL-USD" })
        {
            var instrument = MarketSimulator.Resolve(symbol);
            var repaired = repairs.Where(r => r.Symbols.Contains(symbol)).SelectMany(r => Minutes(r.From, r.To)).ToHashSet();
            var truth = simulator.Bars(instrument, Timeframe.OneMinute, Start, Start.AddHours(3)).ToDictionary(b => b.OpenTime);
            var expected = reference.Bars.Where(b => b.Symbol == instrument.Symbol).ToDictionary(b => b.Bar.OpenTime, b => b.Bar);
            foreach (var minute in repaired)
            {
                if (truth.TryGetValue(minute, out var bar))
                {
                    expected[minute] = bar;
                }
            }

            var stored = (await _stores.ReadBarsAsync(instrument.Symbol, Timeframe.OneMinute, Start, Start.AddHours(3))).ToDictionary(b => b.OpenTime);
            Assert.Equal(expected.Keys.Order(), stored.Keys.Order());
            var wrong = expected.Where(e => stored[e.Key] != e.Value).Select(e => e.Key.ToString("HH:mm", CultureInfo.InvariantCulture) + (repaired.Contains(e.Key) ? " (repaired)" : "")).ToList();
            Assert.True(wrong.Count == 0, $"{symbol}: {wrong.Count} bars differ: {string.Join(", ", wrong.Take(10))}");

            // The repairs made the series whole: every bar of the market is there and right.
            Assert.Equal(truth.Values, stored.Values.OrderBy(b => b.OpenTime));
        }
    }

    [Fact]
    public async Task ABinanceSocketThatDrops_IsReconnected_AndTheOutageIsRepairedFromRest_ClosedBarsEqualTheMarket()
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
        var resilience = new ProviderResilienceOptions { MaxRetries = 2, RetryBaseDelay = TimeSpan.FromMilliseconds(20), RequestsPerPeriod = 1000, RateLimitBurst = 1000 };
        var client = ProviderHttpClient.Create("binance", server.BaseAddress, resilience, _stores.Archive, metrics, TimeProvider.System, "test");
        var rest = new IngestionService([new BinanceBarProvider(client)], _stores.Bars, _stores.Records, metrics, TimeProvider.System);
        var stream = new RecordingTradeStream(new BinanceTradeStream(new UriBuilder(server.BaseAddress) { Scheme = "ws" }.Uri, _stores.Archive, metrics, TimeProvider.System, "test",
            new WebSocketStreamOptions { InitialReconnectDelay = TimeSpan.FromMilliseconds(50), ArchiveFlushInterval = TimeSpan.FromMilliseconds(20) }));
        var processor = new TickBatchProcessor(_stores.Archive, _stores.Bars, _stores.Records, TimeProvider.System, Ticks, metrics);
        var bridge = new TickBridge([stream], new InProcessTickSink(processor), Options(["BTCUSDT", "ETHUSDT"]), Ticks, metrics, TimeProvider.System, _stores.Records, rest);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var run = bridge.RunAsync(stop.Token);
        var expected = trades - (trades / 2) + (trades * 4 / 10);
        while (Bridged(metrics) < expected)
        {
            Assert.False(stop.IsCancellationRequested, $"only {Bridged(metrics)} of {expected} trades bridged");
            await Task.Delay(20);
        }

        await stop.CancelAsync();
        await run;

        Assert.Equal(2, server.StreamConnections);
        var bridged = Assert.Single(metrics.Snapshot().Streams);
        Assert.Equal(1, bridged.Reconnects);
        Assert.Equal(expected, bridged.Messages);
        Assert.NotEmpty(bridge.Repairs("binance"));

        // Every bar final for the processor (its end 30 s or more before the newest trade) equals the market's.
        var newest = stream.Delivered.Max(t => t.Timestamp);
        var lastFinal = Timeframe.OneMinute.BucketStart(newest - Ticks.AllowedLateness);
        foreach (var instrument in new[] { btc, eth })
        {
            var truth = simulator.Bars(instrument, Timeframe.OneMinute, Start, lastFinal);
            var stored = await _stores.ReadBarsAsync(instrument.Symbol, Timeframe.OneMinute, Start, lastFinal);
            Assert.Equal(truth, stored);
        }
    }

    [Fact]
    public async Task Batches_CloseAtTheCount_AndAtTheDelay_OnTheInjectedClock()
    {
        var time = new FakeTimeProvider(Start);
        var stream = new ScriptedTradeStream();
        var sink = new RecordingSink();
        var bridge = new TickBridge([stream], sink, Options(["BTC-USD"]) with { MaxBatchMessages = 4, MaxBatchDelay = TimeSpan.FromMilliseconds(250), RepairFromRest = false },
            Ticks, new IngestionMetrics(time), time, _stores.Records);
        using var stop = new CancellationTokenSource();
        var run = bridge.RunAsync(stop.Token);

        for (var i = 1; i <= 10; i++)
        {
            stream.Send(Trade(i, Start.AddSeconds(i)));
        }

        // Two full batches go at once; the last two trades wait for the delay, which only the clock can end.
        await Until(() => sink.Batches.Count == 2);
        await Task.Delay(100);
        Assert.Equal(2, sink.Batches.Count);
        time.Advance(TimeSpan.FromMilliseconds(249));
        await Task.Delay(100);
        Assert.Equal(2, sink.Batches.Count);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await Until(() => sink.Batches.Count == 3);

        Assert.Equal([4, 4, 2], sink.Batches.Select(b => b.Count));
        var ids = sink.Batches.SelectMany(b => b).Select(m => Parse(m.Json).TradeId.ToString()).ToList();
        Assert.Equal(Enumerable.Range(1, 10).Select(i => i.ToString(CultureInfo.InvariantCulture)), ids);
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task AStreamThatFailsOrEnds_IsOpenedAgain_ARefusedBatchIsRetried_AndCancellationStopsCleanly()
    {
        var stream = new ScriptedTradeStream();
        var sink = new RecordingSink();
        var metrics = new IngestionMetrics();
        var bridge = new TickBridge([stream], sink, Options(["BTC-USD"]) with { MaxBatchMessages = 1, InitialReconnectDelay = TimeSpan.FromMilliseconds(10), RepairFromRest = false },
            Ticks, metrics, TimeProvider.System, _stores.Records);
        using var stop = new CancellationTokenSource();
        var run = bridge.RunAsync(stop.Token);

        sink.RefuseNext(2);
        stream.Send(Trade(1, Start));
        await Until(() => sink.Batches.Count == 1);
        stream.Fail(new IOException("connection reset"));
        await Until(() => stream.Connections == 2);
        stream.Send(Trade(2, Start.AddSeconds(1)));
        stream.End();
        await Until(() => stream.Connections == 3);
        stream.Send(Trade(3, Start.AddSeconds(2)));
        await Until(() => sink.Batches.Count == 3);
        await stop.CancelAsync();
        await run;

        Assert.Equal(5, sink.Attempts);
        Assert.Equal(["1", "2", "3"], sink.Batches.Select(b => Parse(Assert.Single(b).Json).TradeId.ToString()));
        var bridged = Assert.Single(metrics.Snapshot().Streams);
        Assert.Equal((3, 3, 2, 2), (bridged.Messages, bridged.Batches, bridged.Reconnects, bridged.SinkFailures));
        Assert.Equal(Start.AddSeconds(2), bridged.LastTradeUtc);
    }

    [Theory]
    [InlineData("MaxBatchMessages", "0", "Ticks:Bridge:MaxBatchMessages is 0; expected 1 to 10000.")]
    [InlineData("MaxBatchDelay", "0", "Ticks:Bridge:MaxBatchDelay is 00:00:00; expected more than 0 and at most 00:01:00.")]
    [InlineData("Streams", "simulator,kraken", "Ticks:Bridge:Streams has 'kraken'; expected simulator, binance or coinbase.")]
    [InlineData("Enabled", "yes", "Ticks:Bridge:Enabled is 'yes'; expected true or false.")]
    public void InvalidSettings_StopTheStart_NamingTheSetting(string key, string value, string message)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Ticks:Bridge:Symbols"] = "BTC-USD", ["Ticks:Bridge:" + key] = value }).Build();

        var error = Assert.Throws<ArgumentException>(() => TickBridgeOptions.From(configuration, new TickBridgeOptions()));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Settings_AreRead_ListsCommaSeparated_TimesInMilliseconds()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Ticks:Bridge:Symbols"] = "BTC-USD, ETH-USD", ["Ticks:Bridge:Streams"] = "Binance,coinbase", ["Ticks:Bridge:MaxBatchDelay"] = "100" }).Build();

        var options = TickBridgeOptions.From(configuration, new TickBridgeOptions());

        Assert.Equal(["BTC-USD", "ETH-USD"], options.Symbols);
        Assert.Equal(["binance", "coinbase"], options.Streams);
        Assert.Equal(TimeSpan.FromMilliseconds(100), options.MaxBatchDelay);
        Assert.False(TickBridgeOptions.From(new ConfigurationBuilder().Build(), new TickBridgeOptions { Enabled = false }).Enabled);
    }

    private static long Bridged(IngestionMetrics metrics) => metrics.Snapshot().Streams is [var only] ? only.Messages : 0;

    private static TickBridgeOptions Options(IReadOnlyList<string> symbols) => new() { Symbols = symbols, InitialReconnectDelay = TimeSpan.FromMilliseconds(20) };

    private static TradeStreamEvent Trade(long id, DateTime at) =>
        TradeStreamEvent.Trade(new Tick(at, new Symbol("BTC-USD"), 100 + id, 1m, new TradeId(id)), at);

    private static Tick Parse(string json) => TickMessageFormat.TryParse(json, out var tick, out _, out var detail) ? tick : throw new InvalidOperationException(detail);

    private static IEnumerable<DateTime> Minutes(DateTime from, DateTime to)
    {
        for (var t = from; t < to; t = t.AddMinutes(1))
        {
            yield return t;
        }
    }

    private static async Task Until(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    private sealed class ClosedBars : IBarSink
    {
        public List<SymbolBar> Bars { get; } = [];

        public void OnBarUpdated(in SymbolBar bar)
        {
        }

        public void OnBarClosed(in SymbolBar bar) => Bars.Add(bar);
    }
}
