using MarketIntel.Core.Indicators;
using MarketIntel.Core.Market;
using MarketIntel.Core.Scanning;
using MarketIntel.Core.Storage;
using MarketIntel.Ingestion.Simulation;
using MarketIntel.Pipeline.Activities;
using MarketIntel.Pipeline.Engine;
using MarketIntel.Pipeline.ReadModels;
using MarketIntel.Pipeline.Scheduling;
using MarketIntel.Pipeline.Workflows;
using MarketIntel.Storage.Embedded;
using Microsoft.Extensions.Time.Testing;

namespace MarketIntel.Pipeline.Tests.Activities;

/// <summary>Scan activities over simulated bars in the embedded store, against a single direct scan of the same bars.</summary>
public sealed class ScanActivitiesTests : IDisposable
{
    private static readonly string[] Universe = ["AAPL", "BTC-USD", "ETH-USD", "EUR-USD", "MSFT", "SOL-USD", "SPY"];
    private static readonly DateTime Now = new(2025, 3, 6, 15, 0, 0, DateTimeKind.Utc);
    private readonly string _data = Directory.CreateTempSubdirectory("marketintel-scan-").FullName;
    private readonly EmbeddedDatabase _database;
    private readonly IBarStore _bars;
    private readonly IRecordStore _records;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(Now));
    private readonly PipelineSettings _settings = new() { ScanBars = 900, RecentSetupBars = 240 };

    public ScanActivitiesTests()
    {
        _database = new EmbeddedDatabase(_data);
        _bars = new EmbeddedBarStore(_database, TimeProvider.System);
        _records = new EmbeddedRecordStore(_database, TimeProvider.System);
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private async Task<Dictionary<string, List<Bar>>> SeedAsync()
    {
        var simulator = new MarketSimulator();
        var all = new Dictionary<string, List<Bar>>();
        foreach (var symbol in Universe)
        {
            var bars = simulator.Bars(MarketSimulator.Resolve(symbol), Timeframe.OneMinute, Now.AddDays(-2), Now);
            await _bars.UpsertAsync(new Symbol(symbol), Timeframe.OneMinute, bars, new BarProvenance("test", "1"));
            all[symbol] = bars;
        }

        return all;
    }

    private async Task<ScanRunDocument> RunAsync(string runId, int batchSize, ScanDefinition definition)
    {
        var activities = new ScanActivities(_bars, _records, _settings, _time);
        var refs = new List<BatchResultRef>();
        var chunks = BatchPlanner.Chunk(Universe, batchSize);
        for (var i = 0; i < chunks.Count; i++)
        {
            refs.Add(await activities.ScanBatchAsync(new ScanBatchInput(runId, i, chunks[i], ScheduledRuns.AsJson(definition)), CancellationToken.None));
        }

        await activities.RankAndStoreAsync(new ScanMergeRequest(runId, refs, ScheduledRuns.AsJson(definition)), CancellationToken.None);
        return (await activities.Runs.GetRunAsync(runId))!.Value.Run;
    }

    [Theory]
    [InlineData("ema-cross")]
    [InlineData("rsi-reversion")]
    public async Task FanOutOverBatches_EqualsOneDirectScanOfTheSameBars(string strategy)
    {
        var all = await SeedAsync();
        var definition = ScheduledRuns.BuiltInScan(strategy, null, "1m");

        var one = await RunAsync("scan-one", batchSize: Universe.Length, definition);
        var many = await RunAsync("scan-many", batchSize: 2, definition);

        // The independent reference: the scanner over the last ScanBars bars of each symbol, in one call.
        var direct = SetupScanner.Run(definition, [.. Universe.Select(s => new ScanSeries(s, BarSeries.From(all[s].TakeLast(_settings.ScanBars).ToList()), Timeframe.OneMinute))]);
        Assert.True(direct.History.Count > 20, $"the test needs setups ({direct.History.Count})");
        Assert.Equal(direct.Statistics, many.Statistics);
        Assert.Equal(direct.Statistics, one.Statistics);
        Assert.Equal(direct.History.Count, many.HistoryCount);

        var window = TimeSpan.FromMinutes(_settings.RecentSetupBars);
        var expected = SetupScanner.Rank(direct.History.Where(h => h.Time > all[h.Symbol][^1].OpenTime - window));
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Select(Key), many.Setups!.Select(Key));
        Assert.Equal(one.Setups!.Select(Key), many.Setups!.Select(Key));
        Assert.Equal(RunStatus.Completed, many.Status);
        Assert.Equal(Universe, many.Universe);
    }

    [Fact]
    public async Task DailyBarsStoredAsSuch_AreScannedAtTheirOwnTimeframe_ThoughThePipelineIngestsMinutes()
    {
        // Only daily bars are stored (as `marketintel ingest --timeframe 1d` stores them); the pipeline ingests 1m.
        var simulator = new MarketSimulator();
        var daily = Timeframe.Parse("1d");
        var all = new Dictionary<string, List<Bar>>();
        foreach (var symbol in Universe)
        {
            var bars = simulator.Bars(MarketSimulator.Resolve(symbol), daily, Now.AddDays(-400), Now);
            await _bars.UpsertAsync(new Symbol(symbol), daily, bars, new BarProvenance("test", "1"));
            all[symbol] = bars;
        }

        Assert.Equal(Timeframe.OneMinute, _settings.Timeframe);
        var definition = ScheduledRuns.BuiltInScan("ema-cross", null, "1d");
        var run = await RunAsync("scan-daily", batchSize: 3, definition);

        Assert.Empty(run.MissingSymbols);
        var direct = SetupScanner.Run(definition, [.. Universe.Select(s => new ScanSeries(s, BarSeries.From(all[s].TakeLast(_settings.ScanBars).ToList()), daily))]);
        Assert.True(direct.History.Count > 5, $"the test needs setups ({direct.History.Count})");
        Assert.Equal(direct.Statistics, run.Statistics);
        Assert.Equal(direct.History.Count, run.HistoryCount);
    }

    [Fact]
    public async Task RankAndStore_RepeatedByARetry_StoresTheSameRunOnce()
    {
        await SeedAsync();
        var definition = ScheduledRuns.BuiltInScan("ema-cross", null, "1m");
        var first = await RunAsync("scan-retry", 3, definition);
        var second = await RunAsync("scan-retry", 3, definition);

        Assert.Equal(first.Setups!.Select(Key), second.Setups!.Select(Key));
        Assert.Single(await new ScanRunStore(_records).ListAsync(Now, 10));
    }

    [Fact]
    public async Task RankAndStoreRetriedAfterItsListingWasWritten_ListsTheRunOnce()
    {
        // A scheduled scan has no run document before RankAndStoreScan: an attempt that writes the listing and dies before
        // the run document is retried later, by the activity's retry policy or a re-run of the same request.
        await SeedAsync();
        var faulting = new MarketIntel.Pipeline.Tests.Trading.FaultingRecordStore(_records) { FailWrite = (kind, id) => kind == RecordKinds.ScanRun && id == "scan-retried" };
        var activities = new ScanActivities(_bars, faulting, _settings, _time);
        var definition = ScheduledRuns.AsJson(ScheduledRuns.BuiltInScan("ema-cross", null, "1m"));
        var batch = await activities.ScanBatchAsync(new ScanBatchInput("scan-retried", 0, Universe, definition), CancellationToken.None);
        var merge = new ScanMergeRequest("scan-retried", [batch], definition, Now);
        await Assert.ThrowsAsync<IOException>(() => activities.RankAndStoreAsync(merge, CancellationToken.None));

        faulting.FailWrite = static (_, _) => false;
        _time.Advance(TimeSpan.FromSeconds(2));
        await activities.RankAndStoreAsync(merge, CancellationToken.None);

        Assert.Single(await activities.Runs.ListAsync(_time.GetUtcNow().UtcDateTime, 50), l => l.RunId == "scan-retried");
    }

    [Fact]
    public async Task RankAndStore_WithABatchTheStoreLost_NamesItAndWritesNothing()
    {
        await SeedAsync();
        var activities = new ScanActivities(_bars, _records, _settings, _time);
        var definition = ScheduledRuns.AsJson(ScheduledRuns.BuiltInScan("ema-cross", null, "1m"));
        var kept = await activities.ScanBatchAsync(new ScanBatchInput("scan-lost", 0, Universe[..2], definition), CancellationToken.None);
        var lost = new BatchResultRef(1, ScanRunStore.BatchId(1), 0);

        var result = await activities.RankAndStoreAsync(new ScanMergeRequest("scan-lost", [kept, lost], definition, Now), CancellationToken.None);

        Assert.Equal([1], result.MissingBatches);
        Assert.Null(await activities.Runs.GetRunAsync("scan-lost"));
        Assert.DoesNotContain(await activities.Runs.ListAsync(_time.GetUtcNow().UtcDateTime, 50), l => l.RunId == "scan-lost");
    }

    [Fact]
    public async Task RankAndStore_WithABatchStoredBeforeSamples_NamesItToBeScannedAgain()
    {
        await SeedAsync();
        var activities = new ScanActivities(_bars, _records, _settings, _time);
        var definition = ScheduledRuns.AsJson(ScheduledRuns.BuiltInScan("ema-cross", null, "1m"));
        var kept = await activities.ScanBatchAsync(new ScanBatchInput("scan-old", 0, Universe[..2], definition), CancellationToken.None);
        // A batch as the previous version stored it: every setup in full under "history", no samples and no count.
        var old = System.Text.Json.JsonSerializer.SerializeToElement(new { batchIndex = 1, symbols = Universe[2..4], missingSymbols = Array.Empty<string>(), invalidStops = 0, history = Array.Empty<object>(), recent = Array.Empty<object>() });
        await _records.UpsertAsync(new RecordEnvelope<System.Text.Json.JsonElement>(ScanRunStore.BatchId(1), "scan-old", RecordKinds.ScanRun, _time.GetUtcNow(), old, "0", "completed", old));

        var result = await activities.RankAndStoreAsync(new ScanMergeRequest("scan-old", [kept, new BatchResultRef(1, ScanRunStore.BatchId(1), 0)], definition, Now), CancellationToken.None);

        Assert.Equal([1], result.MissingBatches);
        Assert.Null(await activities.Runs.GetRunAsync("scan-old"));
    }

    [Fact]
    public async Task RefreshOutcomes_ResolvesOpenSetupsOfEarlierRuns_FromBarsStoredSince()
    {
        var simulator = new MarketSimulator();
        var definition = ScheduledRuns.BuiltInScan("ema-cross", null, "1m");
        foreach (var symbol in Universe)
        {
            var bars = simulator.Bars(MarketSimulator.Resolve(symbol), Timeframe.OneMinute, Now.AddDays(-2), Now);
            await _bars.UpsertAsync(new Symbol(symbol), Timeframe.OneMinute, bars, new BarProvenance("test", "1"));
        }

        var earlier = await RunAsync("scan-earlier", 4, definition);
        var open = earlier.Setups!.Where(s => !s.Outcome.Complete).ToList();
        Assert.NotEmpty(open);

        // A day of bars arrives; the open setups' outcomes are now decided by them.
        var later = Now.AddDays(1);
        foreach (var symbol in Universe)
        {
            await _bars.UpsertAsync(new Symbol(symbol), Timeframe.OneMinute, simulator.Bars(MarketSimulator.Resolve(symbol), Timeframe.OneMinute, Now, later), new BarProvenance("test", "1"));
        }

        _time.SetUtcNow(later);
        var changed = await new ScanActivities(_bars, _records, _settings, _time).RefreshOutcomesAsync("scan-now", CancellationToken.None);
        var refreshed = (await new ScanRunStore(_records).GetRunAsync("scan-earlier"))!.Value.Run;

        Assert.Equal(open.Count, changed);
        foreach (var setup in open)
        {
            var after = refreshed.Setups!.Single(s => s.Symbol == setup.Symbol && s.Time == setup.Time);
            Assert.True(after.Outcome.Complete);

            // Brute force: walk the bars after the signal until the stop, the target or the horizon.
            var path = simulator.Bars(MarketSimulator.Resolve(setup.Symbol), Timeframe.OneMinute, setup.Time, later);
            var exit = Walk(path, setup, definition.Setup.Horizon);
            Assert.Equal(exit.Exit, after.Outcome.Exit);
            Assert.Equal(exit.Bars, after.Outcome.ExitBars);
        }
    }

    private static (OutcomeExit Exit, int Bars) Walk(List<Bar> path, TradeSetup setup, int horizon)
    {
        for (var k = 1; k < path.Count && k <= horizon; k++)
        {
            // Long setups: a bar touching both counts as the stop (the conservative reading).
            if (path[k].Low <= setup.Stop)
            {
                return (OutcomeExit.Stop, k);
            }

            if (path[k].High >= setup.Target)
            {
                return (OutcomeExit.Target, k);
            }
        }

        return (OutcomeExit.Horizon, horizon);
    }

    private static string Key(TradeSetup s) => FormattableString.Invariant($"{s.Symbol}@{s.Time:O}:{s.Score:R}");
}
