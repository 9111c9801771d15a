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
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace MarketIntel.Functions.Tests.DurableEngine;

[Trait("Category", "DurableEngine")]
public sealed class ScanOnDurableEngineTests : IAsyncLifetime
{
    private static readonly string[] Universe = ["AAPL", "BTC-USD", "ETH-USD", "EUR-USD", "MSFT", "SOL-USD", "SPY"];
    private static readonly DateTime Now = new(2026, 11, 20, 15, 0, 0, DateTimeKind.Utc);
    private AppOnDurableEngine _host = null!;

    public async Task InitializeAsync() => _host = await AppOnDurableEngine.StartAsync(Now);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AScanFannedOutOverBatchesOnTheRealEngine_EqualsOneDirectScanOfTheSameBars()
    {
        var simulator = new MarketSimulator();
        var all = new Dictionary<string, List<Bar>>();
        foreach (var symbol in Universe)
        {
            var bars = simulator.Bars(MarketSimulator.Resolve(symbol), Timeframe.OneMinute, Now.AddDays(-2), Now);
            await _host.App.Bars.UpsertAsync(new Symbol(symbol), Timeframe.OneMinute, bars, new BarProvenance("test", "1"));
            all[symbol] = bars;
        }

        var settings = _host.App.Services.GetRequiredService<PipelineSettings>();
        var definition = ScheduledRuns.BuiltInScan("ema-cross", null, "1m");
        var instance = await _host.RunAsync(ScanOrchestration.Name, "scan-engine", new ScanRunRequest("scan-engine", ScheduledRuns.AsJson(definition), Universe, 2));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        Assert.Equal(4, _host.Calls.Count(c => c.Name == ActivityNames.ScanBatch));
        var run = (await new ScanRunStore(_host.App.Records).GetRunAsync("scan-engine"))!.Value.Run;

        // The independent reference: the scanner over the last ScanBars bars of each symbol, in one call.
        var direct = SetupScanner.Run(definition, [.. Universe.Select(s => new ScanSeries(s, BarSeries.From(all[s].TakeLast(settings.ScanBars).ToList()), Timeframe.OneMinute))]);
        Assert.True(direct.History.Count > 10, $"the test needs setups ({direct.History.Count})");
        Assert.Equal(direct.Statistics, run.Statistics);
        Assert.Equal(direct.History.Count, run.HistoryCount);
        var window = TimeSpan.FromMinutes(settings.RecentSetupBars);
        var expected = SetupScanner.Rank(direct.History.Where(h => h.Time > all[h.Symbol][^1].OpenTime - window));
        Assert.Equal(expected.Select(Key), run.Setups!.Select(Key));
        Assert.Equal(Universe, run.Universe);
    }

    [Fact]
    public async Task AScanOfMoreBatchesThanTheInlineLimit_GoesThroughFanOutSubOrchestrations_AndStillEqualsOneDirectScan()
    {
        // 103 crypto pairs of 300 one-minute bars, one symbol per batch: 103 activities, past FanOutOptions.MaxInline (100).
        var universe = Enumerable.Range(0, FanOutOptions.Default.MaxInline + 3).Select(i => $"Z{(char)('A' + (i / 26))}{(char)('A' + (i % 26))}-USD").ToList();
        var simulator = new MarketSimulator();
        var all = new Dictionary<string, List<Bar>>();
        foreach (var symbol in universe)
        {
            var bars = simulator.Bars(MarketSimulator.Resolve(symbol), Timeframe.OneMinute, Now.AddMinutes(-300), Now);
            await _host.App.Bars.UpsertAsync(new Symbol(symbol), Timeframe.OneMinute, bars, new BarProvenance("test", "1"));
            all[symbol] = bars;
        }

        var settings = _host.App.Services.GetRequiredService<PipelineSettings>();
        var definition = ScheduledRuns.BuiltInScan("ema-cross", null, "1m");
        var instance = await _host.RunAsync(ScanOrchestration.Name, "scan-fanout", new ScanRunRequest("scan-fanout", ScheduledRuns.AsJson(definition), universe, 1), TimeSpan.FromSeconds(120));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        var child = await _host.Client.GetInstanceAsync($"scan-fanout:{ActivityNames.ScanBatch}:1", getInputsAndOutputs: false);
        Assert.Equal((FanOutOrchestration.Name, OrchestrationRuntimeStatus.Completed), (child!.Name, child.RuntimeStatus));
        var run = (await new ScanRunStore(_host.App.Records).GetRunAsync("scan-fanout"))!.Value.Run;
        var direct = SetupScanner.Run(definition, [.. universe.Select(s => new ScanSeries(s, BarSeries.From(all[s].TakeLast(settings.ScanBars).ToList()), Timeframe.OneMinute))]);
        Assert.True(direct.History.Count > 10, $"the test needs setups ({direct.History.Count})");
        Assert.Equal(direct.Statistics, run.Statistics);
        var window = TimeSpan.FromMinutes(settings.RecentSetupBars);
        var ranked = SetupScanner.Rank(direct.History.Where(h => h.Time > all[h.Symbol][^1].OpenTime - window));
        Assert.True(ranked.Count > ScanActivities.MaxRankedSetups, $"the test covers the stored top-N cut ({ranked.Count})");
        Assert.Equal(ranked.Take(ScanActivities.MaxRankedSetups).Select(Key), run.Setups!.Select(Key));
    }

    private static string Key(TradeSetup s) => FormattableString.Invariant($"{s.Symbol}@{s.Time:O}:{s.Score:R}:{s.Entry:R}:{s.Stop:R}:{s.Target:R}");
}
