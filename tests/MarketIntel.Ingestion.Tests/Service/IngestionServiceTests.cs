using MarketIntel.Core.Market;
using MarketIntel.Ingestion.Metrics;
using MarketIntel.Ingestion.Providers;
using MarketIntel.Ingestion.Service;
using MarketIntel.Ingestion.Simulation;
using MarketIntel.Ingestion.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace MarketIntel.Ingestion.Tests.Service;

public sealed class IngestionServiceTests : IDisposable
{
    private static readonly DateTime From = new(2024, 3, 4, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime To = From.AddHours(12);
    private readonly TestStores _stores = new();
    private readonly MarketSimulator _simulator = new();

    public void Dispose() => _stores.Dispose();

    [Fact]
    public async Task IngestingARange_StoresExactlyTheProvidersBars_AndCheckpointsEachSeries()
    {
        var service = Service(new SimulatorBarProvider(_simulator, pageSize: 100));

        var report = await service.IngestAsync(new IngestionRequest("simulator", ["BTC-USD", "ETHUSDT"], Timeframe.OneMinute, From, To));

        Assert.True(report.Completed);
        foreach (var symbol in new[] { "BTC-USD", "ETH-USDT" })
        {
            var instrument = MarketSimulator.Resolve(symbol);
            Assert.Equal(_simulator.Bars(instrument, Timeframe.OneMinute, From, To), await _stores.ReadBarsAsync(instrument.Symbol, Timeframe.OneMinute, From, To));
            var checkpoint = await service.Checkpoints.GetAsync("simulator", instrument.Symbol, Timeframe.OneMinute);
            Assert.Equal(To, checkpoint!.CompleteUntilUtc);
            Assert.Equal(720, checkpoint.BarsWritten);
            Assert.Equal(To.AddMinutes(-1), checkpoint.NewestBarOpenUtc);
        }

        Assert.Equal(1440, report.BarsWritten);
        Assert.Equal(16, report.Series.Sum(s => s.PagesFetched));
    }

    [Fact]
    public async Task ARepeatedRun_ResumesAtTheCheckpoint_AndAForcedRerunWritesNoDuplicates()
    {
        var provider = new ScriptedBarProvider(new SimulatorBarProvider(_simulator, pageSize: 120));
        var service = Service(provider);
        var request = new IngestionRequest("simulator", ["BTC-USD"], Timeframe.OneMinute, From, To);
        await service.IngestAsync(request);
        var callsAfterFirst = provider.Calls;

        var second = await service.IngestAsync(request);
        Assert.Equal(callsAfterFirst, provider.Calls);
        Assert.Equal(0, second.BarsWritten);

        var forced = await service.IngestAsync(request with { IgnoreCheckpoints = true });
        Assert.Equal(720, forced.BarsWritten);
        var btc = MarketSimulator.Resolve("BTC-USD");
        Assert.Equal(_simulator.Bars(btc, Timeframe.OneMinute, From, To), await _stores.ReadBarsAsync(btc.Symbol, Timeframe.OneMinute, From, To));
    }

    [Fact]
    public async Task AnInterruptedRun_KeepsItsCheckpoint_AndTheNextRunResumesThereWithNothingLostOrDoubled()
    {
        var provider = new ScriptedBarProvider(new SimulatorBarProvider(_simulator, pageSize: 60))
        {
            Fault = (call, _) => call >= 4 ? new HttpRequestException("connection refused") : null,
        };
        var service = Service(provider);
        var request = new IngestionRequest("simulator", ["SOL-USD"], Timeframe.OneMinute, From, To);

        var first = await service.IngestAsync(request);
        var sol = MarketSimulator.Resolve("SOL-USD");
        Assert.False(first.Completed);
        Assert.Contains("connection refused", first.Series[0].Error, StringComparison.Ordinal);
        Assert.Equal(From.AddHours(3), (await service.Checkpoints.GetAsync("simulator", sol.Symbol, Timeframe.OneMinute))!.CompleteUntilUtc);
        Assert.Contains(await RecentEvents.ReadAsync(service.Events, IngestionEventTypes.SeriesFailed), e => e.Symbol == "SOL-USD");

        provider.Fault = (_, _) => null;
        var before = provider.Calls;
        var second = await service.IngestAsync(request);

        Assert.True(second.Completed);
        Assert.Equal(From.AddHours(3), second.Series[0].ResumedFromUtc);
        Assert.Equal(9, provider.Calls - before);
        Assert.Equal(_simulator.Bars(sol, Timeframe.OneMinute, From, To), await _stores.ReadBarsAsync(sol.Symbol, Timeframe.OneMinute, From, To));
    }

    [Fact]
    public async Task BarsLostInTransit_AreFoundAsGaps_AndBackfilled()
    {
        // The first delivery of each page loses a run of bars; a re-fetch of the range has them.
        var provider = new ScriptedBarProvider(new SimulatorBarProvider(_simulator, pageSize: 240))
        {
            Transform = (_, page) => page.Bars.Count > 100 ? page with { Bars = [.. page.Bars.Take(20), .. page.Bars.Skip(35)] } : page,
        };
        var service = Service(provider);

        var report = await service.IngestAsync(new IngestionRequest("simulator", ["BTC-USD"], Timeframe.OneMinute, From, To));

        var btc = MarketSimulator.Resolve("BTC-USD");
        Assert.Equal(3, report.GapsFound);
        Assert.Equal(45, report.BarsBackfilled);
        Assert.Equal(0, report.Series[0].GapsUnfilled);
        Assert.Equal(_simulator.Bars(btc, Timeframe.OneMinute, From, To), await _stores.ReadBarsAsync(btc.Symbol, Timeframe.OneMinute, From, To));
        Assert.Single(await RecentEvents.ReadAsync(service.Events, IngestionEventTypes.GapsBackfilled));
    }

    [Fact]
    public async Task BarsTheProviderNeverHas_AreReportedAsUnfilledGaps_AndDuplicatesAreStoredOnce()
    {
        var faulty = new MarketSimulator(new MarketSimulatorOptions { Faults = new SimulatedFaults { MissingBarRate = 0.01, DuplicateBarRate = 0.05 } });
        var service = Service(new SimulatorBarProvider(faulty, pageSize: 200));

        var report = await service.IngestAsync(new IngestionRequest("simulator", ["AAPL"], Timeframe.OneMinute, From, From.AddDays(3)));

        var aapl = MarketSimulator.Resolve("AAPL");
        var stored = await _stores.ReadBarsAsync(aapl.Symbol, Timeframe.OneMinute, From, From.AddDays(3));
        var truth = faulty.Bars(aapl, Timeframe.OneMinute, From, From.AddDays(3));
        var missing = truth.Count - stored.Count;
        Assert.InRange(missing, 1, 40);
        Assert.All(stored, b => Assert.Contains(b, truth));
        Assert.Equal(stored.Count, stored.Select(b => b.OpenTime).Distinct().Count());
        Assert.True(report.Series[0].GapsUnfilled > 0);
        var metrics = report.Metrics!;
        Assert.True(metrics.BarsRejected[RejectReasons.Duplicate] > 0);
        Assert.NotEmpty(await RecentEvents.ReadAsync(service.Events, IngestionEventTypes.GapsUnfilled));
    }

    [Fact]
    public async Task AnUnparsablePayload_IsRetried_LoggedWithItsArchiveKey_AndLosesNothing()
    {
        var provider = new ScriptedBarProvider(new SimulatorBarProvider(_simulator, pageSize: 300))
        {
            Fault = (call, _) => call == 2 ? new PayloadRejectedException("simulator", "simulator/2024/03/04/bars/abc.json", new PayloadFormatException("simulator", "[0][1] open", "expected a decimal string, got Number")) : null,
        };
        var service = Service(provider);

        var report = await service.IngestAsync(new IngestionRequest("simulator", ["BTC-USD"], Timeframe.OneMinute, From, To));

        Assert.True(report.Completed);
        Assert.Equal(1, report.Series[0].PayloadsRejected);
        Assert.Equal(1, report.Metrics!.PayloadsRejected[RejectReasons.Malformed]);
        var rejected = Assert.Single(await RecentEvents.ReadAsync(service.Events, IngestionEventTypes.PayloadRejected));
        Assert.Equal("simulator/2024/03/04/bars/abc.json", rejected.ArchiveKey);
        Assert.Contains("[0][1] open", rejected.Message, StringComparison.Ordinal);
        var btc = MarketSimulator.Resolve("BTC-USD");
        Assert.Equal(720, (await _stores.ReadBarsAsync(btc.Symbol, Timeframe.OneMinute, From, To)).Count);
    }

    [Fact]
    public async Task ABadSymbol_FailsItsSeriesOnly()
    {
        var service = Service(new SimulatorBarProvider(_simulator));

        var report = await service.IngestAsync(new IngestionRequest("simulator", ["B@D", "BTC-USD"], Timeframe.OneHour, From, To));

        Assert.False(report.Series[0].Completed);
        Assert.True(report.Series[1].Completed);
        Assert.Equal(12, report.Series[1].BarsWritten);
    }

    [Fact]
    public async Task OnlyClosedBarsAreIngested_AndTheLagIsMeasuredAgainstTheClock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(From.AddHours(2).AddMinutes(30).AddSeconds(20)));
        var metrics = new IngestionMetrics(clock);
        var service = new IngestionService([new SimulatorBarProvider(_simulator)], _stores.Bars, _stores.Records, metrics, clock);

        var report = await service.IngestAsync(new IngestionRequest("simulator", ["BTC-USD"], Timeframe.OneMinute, From, To));

        Assert.Equal(From.AddHours(2).AddMinutes(30), report.ToUtc);
        Assert.Equal(150, report.BarsWritten);
        clock.Advance(TimeSpan.FromSeconds(40));
        var lag = Assert.Single(metrics.Snapshot().For("simulator")!.Lags);
        Assert.Equal(TimeSpan.FromSeconds(60), lag.Lag);
    }

    [Fact]
    public async Task ScheduledRuns_CatchEachSeriesUpFromItsOwnCheckpoint_OrFromTheInitialLookback()
    {
        var provider = new ScriptedBarProvider(new SimulatorBarProvider(_simulator));
        var service = Service(provider);
        await service.IngestAsync(new IngestionRequest("simulator", ["BTC-USD"], Timeframe.OneMinute, From, From.AddHours(2)));

        var report = await service.IngestSinceCheckpointsAsync("simulator", ["BTC-USD", "ETH-USD"], Timeframe.OneMinute, From.AddHours(3), TimeSpan.FromMinutes(30));

        Assert.True(report.Completed);
        Assert.Equal(From.AddHours(2), report.Series.Single(s => s.Symbol == "BTC-USD").FromUtc);
        Assert.Equal(From.AddHours(2.5), report.Series.Single(s => s.Symbol == "ETH-USD").FromUtc);
        Assert.Equal(90, report.BarsWritten);
        var eth = MarketSimulator.Resolve("ETH-USD");
        Assert.Equal(_simulator.Bars(eth, Timeframe.OneMinute, From.AddHours(2.5), From.AddHours(3)), await _stores.ReadBarsAsync(eth.Symbol, Timeframe.OneMinute, From, From.AddHours(3)));
    }

    [Fact]
    public async Task UnknownProviderOrBadRange_AreUsageErrors()
    {
        var service = Service(new SimulatorBarProvider(_simulator));

        await Assert.ThrowsAsync<ArgumentException>(() => service.IngestAsync(new IngestionRequest("nope", ["BTC-USD"], Timeframe.OneMinute, From, To)));
        await Assert.ThrowsAsync<ArgumentException>(() => service.IngestAsync(new IngestionRequest("simulator", ["BTC-USD"], Timeframe.OneMinute, To, From)));
    }

    private IngestionService Service(IBarProvider provider) =>
        new([provider], _stores.Bars, _stores.Records, new IngestionMetrics(), TimeProvider.System, new IngestionOptions { MaxParallelSeries = 2 });
}
