using System.Text.Json;
using MarketIntel.Core.Storage;
using MarketIntel.Functions.Durable;
using MarketIntel.Pipeline.Activities;
using MarketIntel.Pipeline.Application;
using MarketIntel.Pipeline.Engine;
using MarketIntel.Pipeline.Workflows;
using Microsoft.DurableTask.Client;

namespace MarketIntel.Functions.Tests.DurableEngine;

[Trait("Category", "DurableEngine")]
public sealed class MonteCarloOnDurableEngineTests : IAsyncLifetime
{
    private AppOnDurableEngine _host = null!;

    public async Task InitializeAsync() => _host = await AppOnDurableEngine.StartAsync(new DateTimeOffset(2026, 11, 21, 5, 0, 0, TimeSpan.Zero));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<(string Id, OrchestrationMetadata Instance, JsonElement Report)> RunAsync(int batches, long paths = 7_000)
    {
        var job = new MonteCarloJob { Model = "gbm", Mu = 0.0004, Sigma = 0.018, Horizon = 30, Paths = paths, Batches = batches, Seed = 11 };
        var starter = new DurableOrchestrationStarter(_host.Client);
        var started = await new MonteCarloRuns(_host.App.Records, _host.App.Clock).StartAsync(job, starter, CancellationToken.None);
        var id = started.Value!.Id;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var instance = await _host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token);
        var report = await _host.App.Records.GetAsync<JsonElement>(RecordKinds.RiskReport, id, MonteCarloActivities.ReportId);
        return (id, instance, report!.Payload);
    }

    [Fact]
    public async Task SevenBatches_OnTheRealEngine_EqualOneBatch_BitForBit()
    {
        var (_, seven, sevenReport) = await RunAsync(7);
        var (_, one, oneReport) = await RunAsync(1);

        Assert.Equal((OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Completed), (seven.RuntimeStatus, one.RuntimeStatus));
        Assert.Equal(7, _host.Calls.Count(c => c.Name == ActivityNames.SimulateMonteCarloBatch && c.Input.Contains($"\"runId\":\"{seven.InstanceId}\"", StringComparison.Ordinal)));
        Assert.Equal(7_000, PipelinePayload.Read<RunResult>(seven.ReadOutputAs<JsonElement>()).Items);

        // The reports differ only in what names the run; every statistic is the same double, bit for bit.
        Assert.True(sevenReport.GetProperty("terminalStandardDeviation").GetDouble() > 0, "the report has statistics");
        Assert.Equal(7, sevenReport.GetProperty("inputs").GetProperty("batches").GetInt32());
        Assert.Equal(Statistics(oneReport), Statistics(sevenReport));
    }

    [Fact]
    public async Task AFanOutPastTheInlineLimit_GoesThroughFanOutSubOrchestrations_WithDeterministicIds_AndStillEqualsOneBatch()
    {
        var batches = FanOutOptions.Default.MaxInline + 3;
        var (id, many, manyReport) = await RunAsync(batches, paths: batches * 10L);
        var (_, _, oneReport) = await RunAsync(1, paths: batches * 10L);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, many.RuntimeStatus);
        foreach (var child in new[] { $"{id}:{ActivityNames.SimulateMonteCarloBatch}:0", $"{id}:{ActivityNames.SimulateMonteCarloBatch}:1" })
        {
            var sub = await _host.Client.GetInstanceAsync(child, getInputsAndOutputs: false);
            Assert.NotNull(sub);
            Assert.Equal((FanOutOrchestration.Name, OrchestrationRuntimeStatus.Completed), (sub!.Name, sub.RuntimeStatus));
        }

        Assert.Null(await _host.Client.GetInstanceAsync($"{id}:{ActivityNames.SimulateMonteCarloBatch}:2", getInputsAndOutputs: false));
        Assert.Equal(Statistics(oneReport), Statistics(manyReport));
    }

    /// <summary>The report without its inputs (which name the batch count): the statistics themselves.</summary>
    private static string Statistics(JsonElement report) => JsonSerializer.Serialize(
        report.EnumerateObject().Where(p => p.Name != "inputs").ToDictionary(p => p.Name, p => p.Value));
}
