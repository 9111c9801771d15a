using System.Text.Json;
using MarketIntel.Core.Storage;
using MarketIntel.Pipeline.Activities;
using MarketIntel.Pipeline.Engine;
using MarketIntel.Pipeline.Workflows;
using Microsoft.DurableTask.Client;

namespace MarketIntel.Functions.Tests.DurableEngine;

[Trait("Category", "DurableEngine")]
public sealed class RetryOnDurableEngineTests : IAsyncLifetime
{
    private static readonly JsonElement Model = JsonSerializer.SerializeToElement(new { model = "gbm", mu = 0.0005, sigma = 0.02, horizon = 10, paths = 400, batches = 2, seed = 3 }, PipelineJson.Options);
    private AppOnDurableEngine _host = null!;

    public async Task InitializeAsync() => _host = await AppOnDurableEngine.StartAsync(new DateTimeOffset(2026, 11, 21, 5, 0, 0, TimeSpan.Zero));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AnActivityThatFailsTransiently_IsRetriedPerThePipelinePolicy_AndTheRunCompletes()
    {
        _host.FailNext(ActivityNames.SimulateMonteCarloBatch, 1);
        var instance = await _host.RunAsync(MonteCarloOrchestration.Name, "mc-retry", new MonteCarloRunRequest("mc-retry", 400, 2, 3, Model));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        Assert.Equal(2, _host.Calls.Count(c => c.Name == ActivityNames.SimulateMonteCarloBatch));
        var report = await _host.App.Records.GetAsync<JsonElement>(RecordKinds.RiskReport, "mc-retry", MonteCarloActivities.ReportId);
        Assert.Equal("completed", report!.Status);
    }

    [Fact]
    public async Task AnActivityThatKeepsFailing_FailsTheOrchestrationAfterThePolicysAttempts_WithTheReasonRecorded()
    {
        var attempts = PipelineRetryPolicy.Default.MaxAttempts;
        _host.FailNext(ActivityNames.MergeMonteCarlo, attempts);
        var instance = await _host.RunAsync(MonteCarloOrchestration.Name, "mc-broken", new MonteCarloRunRequest("mc-broken", 400, 2, 3, Model));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, instance.RuntimeStatus);
        Assert.Contains($"injected transient fault in {ActivityNames.MergeMonteCarlo} (0 more)", instance.FailureDetails!.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(_host.Calls, c => c.Name == ActivityNames.MergeMonteCarlo);

        // The orchestration recorded its own failure, with the reason, on its run record (the engine's clock is real time).
        var run = await RunRecordOfTodayAsync("mc-broken");
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains($"injected transient fault in {ActivityNames.MergeMonteCarlo} (0 more)", run.Reason, StringComparison.Ordinal);
    }

    private async Task<RunRecord> RunRecordOfTodayAsync(string runId)
    {
        foreach (var day in new[] { DateTime.UtcNow, DateTime.UtcNow.AddDays(-1) })
        {
            if (await _host.App.Records.GetAsync<RunRecord>(RecordKinds.OrchestrationRun, RunRecordActivities.Partition(day), runId) is { } record)
            {
                return record.Payload;
            }
        }

        throw new InvalidOperationException($"no run record of {runId}");
    }
}
