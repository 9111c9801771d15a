using MarketIntel.Core.Market;
using MarketIntel.Ingestion.Providers;
using MarketIntel.Ingestion.Simulation;
using MarketIntel.Pipeline.ReadModels;
using MarketIntel.Pipeline.Workflows;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace MarketIntel.Functions.Tests.DurableEngine;

[Trait("Category", "DurableEngine")]
public sealed class IngestOnDurableEngineTests : IAsyncLifetime
{
    private static readonly string[] Watchlist = ["BTC-USD", "ETH-USD", "AAPL"];
    private static readonly DateTime First = new(2026, 11, 20, 15, 0, 0, DateTimeKind.Utc);
    private AppOnDurableEngine _host = null!;

    public async Task InitializeAsync() => _host = await AppOnDurableEngine.StartAsync(First);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task IngestRuns_BringTheWatchlistUpToDate_FromTheirCheckpoints_WithEveryBarStoredOnce()
    {
        var first = await _host.RunAsync(IngestOrchestration.Name, "ingest-1", new IngestRunRequest("ingest-1", "simulator", Watchlist, "1m", First, 2));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, first.RuntimeStatus);

        var second = First.AddMinutes(45);
        _host.App.Clock.SetUtcNow(second);
        var later = await _host.RunAsync(IngestOrchestration.Name, "ingest-2", new IngestRunRequest("ingest-2", "simulator", Watchlist, "1m", second, 2));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, later.RuntimeStatus);
        var summary = MarketIntel.Functions.Durable.PipelinePayload.Read<IngestRunSummary>(later.ReadOutputAs<System.Text.Json.JsonElement>());

        // The reference: the simulator's own bars over the same window; the store must hold exactly those, once.
        var simulator = new MarketSimulator();
        long secondRunBars = 0;
        foreach (var name in Watchlist)
        {
            var symbol = new Symbol(name);
            var stored = await BarHistory.ReadRangeAsync(_host.App.Bars, symbol, Timeframe.OneMinute, First.AddDays(-30), second);

            Assert.NotEmpty(stored);
            var expected = simulator.Bars(MarketSimulator.Resolve(name), Timeframe.OneMinute, stored[0].OpenTime, second);
            Assert.Equal(expected, stored);
            secondRunBars += stored.Count(b => b.OpenTime >= First);
        }

        Assert.Equal(secondRunBars, summary.BarsWritten);
        Assert.Equal(2, _host.Calls.Count(c => c.Name == ActivityNames.IngestBatch && c.Input.Contains("ingest-2", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ASeriesThatStopsEarly_IsReportedAsAGap_AndTheOrchestrationBackfillsIt_OnTheRealEngine()
    {
        StopsEarlyBarProvider? provider = null;
        await using var host = await AppOnDurableEngine.StartAsync(First, services => services.AddSingleton<IBarProvider>(
            provider = new StopsEarlyBarProvider(new MarketSimulator(), "ETH-USD", failingPage: 3)));

        var instance = await host.RunAsync(IngestOrchestration.Name, "ingest-gap", new IngestRunRequest("ingest-gap", StopsEarlyBarProvider.ProviderName, Watchlist, "1m", First, 3));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        var summary = MarketIntel.Functions.Durable.PipelinePayload.Read<IngestRunSummary>(instance.ReadOutputAs<System.Text.Json.JsonElement>());

        Assert.Equal(1, provider!.Failures);
        Assert.Equal(1, summary.GapsFound);
        var gap = Assert.Single(host.Calls, c => c.Name == ActivityNames.BackfillGap);
        Assert.Contains("\"symbol\":\"ETH-USD\"", gap.Input, StringComparison.Ordinal);
        Assert.True(summary.BarsBackfilled > 0, "the backfill stored the bars the series missed");

        // After the run every series holds exactly the simulator's bars over its window, the gap included, each once.
        var simulator = new MarketSimulator();
        foreach (var name in Watchlist)
        {
            var stored = await BarHistory.ReadRangeAsync(host.App.Bars, new Symbol(name), Timeframe.OneMinute, First.AddDays(-30), First);
            Assert.NotEmpty(stored);
            Assert.Equal(simulator.Bars(MarketSimulator.Resolve(name), Timeframe.OneMinute, stored[0].OpenTime, First), stored);
            Assert.True(stored[^1].OpenTime >= First.AddMinutes(-1), $"{name} reaches the run's time");
        }
    }
}
