using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using MarketIntel.Ingestion.Simulation;
using MarketIntel.Pipeline.Activities;
using MarketIntel.Pipeline.Orchestrations;
using Microsoft.DurableTask.Client;

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
}
