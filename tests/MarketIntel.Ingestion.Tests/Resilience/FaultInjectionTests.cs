using MarketIntel.Core.Market;
using MarketIntel.Ingestion.Http;
using MarketIntel.Ingestion.Metrics;
using MarketIntel.Ingestion.Providers;
using MarketIntel.Ingestion.Providers.Binance;
using MarketIntel.Ingestion.Service;
using MarketIntel.Ingestion.Simulation;
using MarketIntel.Ingestion.Tests.Fakes;
using MarketIntel.Ingestion.Tests.Service;

namespace MarketIntel.Ingestion.Tests.Resilience;

/// <summary>Full ingestions against a local Binance look-alike that misbehaves on purpose.</summary>
public sealed class FaultInjectionTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTime From = new(2024, 3, 4, 0, 0, 0, DateTimeKind.Utc);
    private readonly TestStores _stores = new();
    private FakeBinanceServer _server = null!;

    private static ProviderResilienceOptions Fast => new()
    {
        AttemptTimeout = TimeSpan.FromMilliseconds(400),
        MaxRetries = 8,
        RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        MaxRetryDelay = TimeSpan.FromMilliseconds(200),
        MaxRetryAfter = TimeSpan.FromSeconds(2),
        BreakerFailureRatio = 0.5,
        BreakerMinimumThroughput = 4,
        BreakerSamplingDuration = TimeSpan.FromSeconds(2),
        BreakDuration = TimeSpan.FromMilliseconds(500),
        RequestsPerPeriod = 1000,
        RateLimitPeriod = TimeSpan.FromSeconds(1),
        RateLimitBurst = 1000,
    };

    public async Task InitializeAsync()
    {
        _server = await FakeBinanceServer.StartAsync(new MarketSimulator());
        await _server.WarmUpAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _stores.Dispose();

    [Fact]
    public async Task ThroughThrottlingErrorsHangsTruncationMalformedAndReorderedPages_NoBarIsLostOrDuplicated_AndEveryRejectionIsRecorded()
    {
        _server.Faults = (n, _) => n switch
        {
            2 => ServerFault.TooManyRequests,
            4 => ServerFault.ServerError,
            6 => ServerFault.Hang,
            8 => ServerFault.Truncate,
            10 => ServerFault.MalformedJson,
            12 or 14 => ServerFault.ReorderAndDuplicate,
            _ => ServerFault.None,
        };
        // The attempt timeout must cut the 5 s hang but never a healthy response on a loaded CI machine, and the
        // breaker (covered by its own test) must not trip on the five scripted faults whatever the timing.
        var options = Fast with { AttemptTimeout = TimeSpan.FromSeconds(2), BreakerFailureRatio = 0.95 };
        var (service, metrics, _) = Service(options, pageSize: 60, parallelSeries: 1);
        var report = await service.IngestAsync(new IngestionRequest("binance", ["BTCUSDT", "ETHUSDT"], Timeframe.OneMinute, From, From.AddHours(8)));

        Assert.True(report.Completed, string.Join("; ", report.Series.Select(s => s.Error)));
        await AssertStoredExactlyAsync("BTC-USDT", From, From.AddHours(8));
        await AssertStoredExactlyAsync("ETH-USDT", From, From.AddHours(8));

        var m = metrics.Snapshot().For("binance")!;
        Assert.True(m.Retries >= 4, $"429, 500, hang and truncation are each retried ({m.Retries} retries)");
        Assert.Equal(1, m.PayloadsRejected[RejectReasons.Malformed]);
        Assert.Equal(_server.DuplicatedRows, m.BarsRejected[RejectReasons.Duplicate]);
        Assert.Equal(4, _server.DuplicatedRows);

        // The request after the 429 waited for its Retry-After (1 s).
        var throttled = _server.Log.Single(l => l.Fault == ServerFault.TooManyRequests);
        var next = _server.Log.First(l => l.Number == throttled.Number + 1);
        Assert.True(next.At - throttled.At >= TimeSpan.FromMilliseconds(900), $"retried after {(next.At - throttled.At).TotalMilliseconds} ms");

        // The malformed payload is kept with its reason; the error bodies were archived too.
        var rejected = Assert.Single(await RecentEvents.ReadAsync(service.Events, IngestionEventTypes.PayloadRejected));
        Assert.Contains("is not valid JSON", rejected.Message, StringComparison.Ordinal);
        var kept = await _stores.Archive.GetAsync(rejected.ArchiveKey!);
        Assert.Equal((byte)'[', kept!.Content.Span[0]);
        Assert.Equal(2, (await RecentEvents.ReadAsync(service.Events, IngestionEventTypes.RowsRejected)).Count);
        var archived = new List<Core.Storage.RawArchiveEntry>();
        foreach (var day in RecentEvents.Days())
        {
            await foreach (var entry in _stores.Archive.ListAsync("binance", day))
            {
                archived.Add(entry);
            }
        }

        Assert.True(archived.Count >= 19, $"16 pages, the 429 and 500 bodies and the malformed payload are archived ({archived.Count})");
    }

    [Fact]
    public async Task PersistentServerErrors_OpenTheBreaker_WhichFailsFastThenRecovers()
    {
        _server.Faults = (n, _) => n is >= 3 and <= 8 ? ServerFault.ServerError : ServerFault.None;
        var options = Fast with { MaxRetries = 30, AttemptTimeout = TimeSpan.FromSeconds(5) };
        var (service, metrics, _) = Service(options, pageSize: 60, parallelSeries: 1);

        var report = await service.IngestAsync(new IngestionRequest("binance", ["BTCUSDT"], Timeframe.OneMinute, From, From.AddHours(6)));

        Assert.True(report.Completed);
        await AssertStoredExactlyAsync("BTC-USDT", From, From.AddHours(6));
        var m = metrics.Snapshot().For("binance")!;
        Assert.True(m.BreakerOpenings >= 1);
        Assert.Equal(BreakerStates.Closed, m.BreakerState);

        // Attempts rejected by the open breaker never reached the server.
        var serverErrors = _server.Log.Count(l => l.Fault == ServerFault.ServerError);
        Assert.Equal(6, serverErrors);
        Assert.True(m.Retries > serverErrors, $"{m.Retries} retries for {serverErrors} server errors");
        var breakerEvents = await RecentEvents.ReadAsync(service.Events, IngestionEventTypes.BreakerChanged);
        Assert.Contains(breakerEvents, e => e.Message.EndsWith(BreakerStates.Open, StringComparison.Ordinal));
        Assert.Equal($"circuit breaker {BreakerStates.Closed}", breakerEvents[^1].Message);
    }

    [Fact]
    public async Task TheRequestRate_NeverExceedsTheLimitersSetting()
    {
        var options = Fast with { AttemptTimeout = TimeSpan.FromSeconds(10), RequestsPerPeriod = 5, RateLimitPeriod = TimeSpan.FromMilliseconds(100), RateLimitBurst = 5 };
        var (service, metrics, recorder) = Service(options, pageSize: 30, parallelSeries: 4);

        var report = await service.IngestAsync(new IngestionRequest("binance", ["BTCUSDT", "ETHUSDT", "SOLUSDT", "BNBUSDT"], Timeframe.OneMinute, From, From.AddHours(4)));

        Assert.True(report.Completed);
        var sent = recorder.Sent.Order().ToList();
        Assert.True(sent.Count >= 32, $"8 pages for each of 4 symbols, and any retries ({sent.Count})");
        for (var k = 1; k <= 5; k++)
        {
            // Token bucket: a window of k periods holds at most the burst plus one refill per period boundary it spans.
            var window = TimeSpan.FromMilliseconds(100 * k);
            var most = sent.Select((t, i) => sent.Skip(i).TakeWhile(u => u - t < window).Count()).Max();
            Assert.True(most <= 5 + (5 * (k + 1)), $"{most} requests within {window.TotalMilliseconds} ms");
        }

        Assert.True(sent[^1] - sent[0] >= TimeSpan.FromMilliseconds(400), $"32 requests at 5 per 100 ms after a burst of 5 take at least 540 ms, took {(sent[^1] - sent[0]).TotalMilliseconds}");
        Assert.True(metrics.Snapshot().For("binance")!.RateLimiterWaits > 0);
    }

    [Fact]
    public async Task ANonTransientError_FailsOnlyItsSeries_WithoutRetries_AndLeavesItsCheckpointUnset()
    {
        _server.Faults = (_, symbol) => symbol == "ETHUSDT" ? ServerFault.InvalidSymbol : ServerFault.None;
        var (service, metrics, _) = Service(Fast with { AttemptTimeout = TimeSpan.FromSeconds(10) }, pageSize: 120, parallelSeries: 2);

        var report = await service.IngestAsync(new IngestionRequest("binance", ["ETHUSDT", "BTCUSDT"], Timeframe.OneMinute, From, From.AddHours(4)));

        Assert.Equal("ProviderRequestException: binance answered HTTP 400: code -1121: Invalid symbol.", report.Series[0].Error);
        Assert.True(report.Series[1].Completed);
        await AssertStoredExactlyAsync("BTC-USDT", From, From.AddHours(4));
        Assert.Null(await service.Checkpoints.GetAsync("binance", new Symbol("ETH-USDT"), Timeframe.OneMinute));
        Assert.Equal(0, metrics.Snapshot().For("binance")!.Retries);
        Assert.Single(_server.Log, l => l.Fault == ServerFault.InvalidSymbol);
    }

    private (IngestionService Service, IngestionMetrics Metrics, RecordingHandler Recorder) Service(ProviderResilienceOptions options, int pageSize, int parallelSeries)
    {
        var metrics = new IngestionMetrics();
        var events = new IngestionEventLog(_stores.Records, TimeProvider.System, "test");
        var recorder = new RecordingHandler(new SocketsHttpHandler());
        var client = ProviderHttpClient.Create("binance", _server.BaseAddress, options, _stores.Archive, metrics, TimeProvider.System, "test", recorder,
            async state => await events.WriteAsync(new IngestionEvent(IngestionEventTypes.BreakerChanged, "info", "binance", null, null, $"circuit breaker {state}")));
        var provider = new BinanceBarProvider(client, pageSize);
        var service = new IngestionService([provider], _stores.Bars, _stores.Records, metrics, TimeProvider.System, new IngestionOptions { MaxParallelSeries = parallelSeries });
        return (service, metrics, recorder);
    }

    private async Task AssertStoredExactlyAsync(string symbol, DateTime from, DateTime to)
    {
        var instrument = MarketSimulator.Resolve(symbol);
        var truth = _server.Simulator.Bars(instrument, Timeframe.OneMinute, from, to);
        var stored = await _stores.ReadBarsAsync(instrument.Symbol, Timeframe.OneMinute, from, to);
        Assert.Equal(truth.Count, stored.Count);
        Assert.Equal(truth, stored);
    }
}
