using System.Text.Json;
using MarketIntel.Pipeline.Engine;
using MarketIntel.Pipeline.Tests.Orchestration;
using MarketIntel.Pipeline.Workflows;

namespace MarketIntel.Pipeline.Tests.Orchestrations;

public sealed class MonteCarloOrchestrationTests
{
    private static readonly DateTime Start = new(2024, 3, 9, 12, 0, 0, DateTimeKind.Utc);
    private static readonly JsonElement Model = JsonSerializer.SerializeToElement(new { model = "gbm", mu = 0.0005, sigma = 0.02, horizon = 20 });

    private static MonteCarloRunRequest Request(long paths, int batches) => new("mc-1", paths, batches, 42, Model);

    [Fact]
    public async Task SmallRun_RecordsRunning_SchedulesOneActivityPerBatch_MergesInOrder_RecordsCompleted()
    {
        var activities = new ScriptedActivities();
        var context = new RecordingOrchestrationContext("mc-1", Start, activities.Invoke);
        var result = await MonteCarloOrchestration.RunAsync(context, Request(10, 3));

        Assert.Equal(
            [ActivityNames.RecordRun, ActivityNames.SimulateMonteCarloBatch, ActivityNames.SimulateMonteCarloBatch, ActivityNames.SimulateMonteCarloBatch, ActivityNames.MergeMonteCarlo, ActivityNames.RecordRun],
            context.History.Select(h => h.Name));
        var batches = context.History.Skip(1).Take(3).Select(h => JsonSerializer.Deserialize<MonteCarloBatchInput>(h.Input, PipelineJson.Options)!).ToList();
        Assert.Equal([(0L, 3L), (3L, 3L), (6L, 4L)], batches.Select(b => (b.PathStart, b.PathCount)));
        Assert.All(batches, b => Assert.Equal(42UL, b.Seed));
        Assert.Equal(new RunResult("mc-1", "report/mc-1:0+1+2", 10), result);
        var running = JsonSerializer.Deserialize<RunRecord>(context.History[0].Input, PipelineJson.Options)!;
        Assert.Equal(new RunRecord("mc-1", MonteCarloOrchestration.Name, RunStatus.Running, Start, Start, string.Empty), running);
        var record = JsonSerializer.Deserialize<RunRecord>(context.History[^1].Input, PipelineJson.Options)!;
        Assert.Equal((RunStatus.Completed, Start, (string?)null), (record.Status, record.StartedUtc, record.Reason));
        Assert.Equal(Start.AddSeconds(5), record.FinishedUtc);
    }

    [Fact]
    public async Task BatchesTheStoreLost_AreRunAgain_ThenMerged()
    {
        var activities = new ScriptedActivities { MissingOnMerge = static (_, call) => call == 1 ? [0, 2] : null };
        var context = new RecordingOrchestrationContext("mc-1", Start, activities.Invoke);
        var result = await MonteCarloOrchestration.RunAsync(context, Request(10, 3));

        var reRuns = context.History.SkipWhile(h => h.Name != ActivityNames.MergeMonteCarlo).Skip(1).TakeWhile(h => h.Name == ActivityNames.SimulateMonteCarloBatch)
            .Select(h => JsonSerializer.Deserialize<MonteCarloBatchInput>(h.Input, PipelineJson.Options)!).ToList();
        Assert.Equal([(0, 0L, 3L), (2, 6L, 4L)], reRuns.Select(b => (b.BatchIndex, b.PathStart, b.PathCount)));
        Assert.Equal(2, context.History.Count(h => h.Name == ActivityNames.MergeMonteCarlo));
        Assert.Equal(new RunResult("mc-1", "report/mc-1:0+1+2", 10), result);
    }

    [Fact]
    public async Task LargeFanOut_GoesThroughSubOrchestrationsAndKeepsBatchOrder()
    {
        var activities = new ScriptedActivities();
        var context = new RecordingOrchestrationContext("mc-1", Start, activities.Invoke);
        var result = await MonteCarloOrchestration.RunAsync(context, Request(1000, 250), new FanOutOptions(100, PipelineRetryPolicy.Default));

        var subs = context.History.Where(h => h.Kind == "suborchestration").ToList();
        Assert.Equal(["mc-1:SimulateMonteCarloBatch:0", "mc-1:SimulateMonteCarloBatch:1", "mc-1:SimulateMonteCarloBatch:2"], subs.Select(s => s.InstanceId));
        Assert.Equal([100, 100, 50], subs.Select(s => JsonSerializer.Deserialize<FanOutRequest>(s.Input, PipelineJson.Options)!.Inputs.Count));
        Assert.Equal(250, context.AllCalls.Count(c => c.Name == ActivityNames.SimulateMonteCarloBatch));
        Assert.Equal(6, context.History.Count); // running, 3 sub-orchestrations, merge, completed: the parent's history stays small
        Assert.Equal("report/mc-1:" + string.Join('+', Enumerable.Range(0, 250)), result.Reference);
        Assert.Equal(1000, result.Items);
    }

    [Fact]
    public async Task FailingBatch_IsRetriedUnderTheSharedPolicy()
    {
        var activities = new ScriptedActivities
        {
            FailWhen = (name, input, attempt) => name == ActivityNames.SimulateMonteCarloBatch && input.GetProperty("batchIndex").GetInt32() == 1 && attempt < 3,
        };
        var context = new RecordingOrchestrationContext("mc-1", Start, activities.Invoke);
        var result = await MonteCarloOrchestration.RunAsync(context, Request(10, 3));
        Assert.Equal([1, 3, 1], context.History.Skip(1).Take(3).Select(h => h.Attempts));
        Assert.Equal(10, result.Items);
    }

    [Fact]
    public async Task BatchFailingEveryAttempt_RecordsRunningThenFailedWithTheReason_AndFailsTheOrchestration()
    {
        var activities = new ScriptedActivities
        {
            FailWhen = (name, input, _) => name == ActivityNames.SimulateMonteCarloBatch && input.GetProperty("batchIndex").GetInt32() == 2,
        };
        var context = new RecordingOrchestrationContext("mc-1", Start, activities.Invoke);
        var ex = await Assert.ThrowsAsync<TaskFailedException>(() => MonteCarloOrchestration.RunAsync(context, Request(10, 3)));
        Assert.Contains($"SimulateMonteCarloBatch attempt {PipelineRetryPolicy.Default.MaxAttempts} failed (injected)", ex.Message, StringComparison.Ordinal);
        Assert.Equal(PipelineRetryPolicy.Default.MaxAttempts, context.History.Single(h => h.Result is null).Attempts);
        Assert.DoesNotContain(context.History, h => h.Name == ActivityNames.MergeMonteCarlo);

        var records = context.History.Where(h => h.Name == ActivityNames.RecordRun).Select(h => JsonSerializer.Deserialize<RunRecord>(h.Input, PipelineJson.Options)!).ToList();
        Assert.Equal([RunStatus.Running, RunStatus.Failed], records.Select(r => r.Status));
        var failed = records[1];
        Assert.Equal(("mc-1", MonteCarloOrchestration.Name, Start), (failed.RunId, failed.Kind, failed.StartedUtc));
        Assert.Equal(ex.Message, failed.Reason);
        Assert.Equal(ActivityNames.RecordRun, context.History[^1].Name);
    }

    [Fact]
    public async Task FailedRun_ReplaysToTheSameFailureRecordAndTheSameException()
    {
        var activities = new ScriptedActivities { FailWhen = (name, _, _) => name == ActivityNames.MergeMonteCarlo };
        var live = new RecordingOrchestrationContext("mc-1", Start, activities.Invoke);
        var first = await Assert.ThrowsAsync<TaskFailedException>(() => MonteCarloOrchestration.RunAsync(live, Request(10, 3)));

        var replay = new ReplayOrchestrationContext("mc-1", Start, live.History);
        var second = await Assert.ThrowsAsync<TaskFailedException>(() => MonteCarloOrchestration.RunAsync(replay, Request(10, 3)));
        Assert.Equal(first.Message, second.Message);
        Assert.Equal(live.History.Count, replay.Replayed);
    }

    [Fact]
    public async Task LongFailureMessage_IsBoundedInTheFailedRecord()
    {
        var activities = new ScriptedActivities
        {
            FailWhen = (name, _, _) => name == ActivityNames.MergeMonteCarlo ? throw new InvalidOperationException(new string('x', 5000)) : false,
        };
        var context = new RecordingOrchestrationContext("mc-1", Start, activities.Invoke);
        await Assert.ThrowsAsync<TaskFailedException>(() => MonteCarloOrchestration.RunAsync(context, Request(10, 3)));
        var failed = JsonSerializer.Deserialize<RunRecord>(context.History[^1].Input, PipelineJson.Options)!;
        Assert.Equal(RunStatus.Failed, failed.Status);
        Assert.Equal(RunStatuses.MaxReasonLength, failed.Reason!.Length);
        Assert.EndsWith("…", failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailureRecordThatCannotBeWritten_StillFailsTheRunWithTheActivitysError()
    {
        var activities = new ScriptedActivities
        {
            FailWhen = (name, input, _) => name == ActivityNames.MergeMonteCarlo
                || (name == ActivityNames.RecordRun && input.GetProperty("status").GetString() == "failed"),
        };
        var context = new RecordingOrchestrationContext("mc-1", Start, activities.Invoke);
        var ex = await Assert.ThrowsAsync<TaskFailedException>(() => MonteCarloOrchestration.RunAsync(context, Request(10, 3)));
        Assert.Contains(ActivityNames.MergeMonteCarlo, ex.Message, StringComparison.Ordinal);
        Assert.Contains(context.Logs, l => l.Contains("recording the failure failed too", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(10, 3, 100)]
    [InlineData(1000, 250, 100)]
    public async Task Replay_SchedulesTheSameCallsInTheSameOrderAndReturnsTheSameResult(long paths, int batches, int maxInline)
    {
        var options = new FanOutOptions(maxInline, PipelineRetryPolicy.Default);
        var live = new RecordingOrchestrationContext("mc-1", Start, new ScriptedActivities().Invoke);
        var first = await MonteCarloOrchestration.RunAsync(live, Request(paths, batches), options);

        var replay = new ReplayOrchestrationContext("mc-1", Start, live.History);
        var second = await MonteCarloOrchestration.RunAsync(replay, Request(paths, batches), options);
        Assert.Equal(first, second);
        Assert.Equal(live.History.Count, replay.Replayed);
    }

    [Fact]
    public async Task Replay_DetectsAChangedInput()
    {
        var live = new RecordingOrchestrationContext("mc-1", Start, new ScriptedActivities().Invoke);
        await MonteCarloOrchestration.RunAsync(live, Request(10, 3));
        var replay = new ReplayOrchestrationContext("mc-1", Start, live.History);
        await Assert.ThrowsAsync<NonDeterminismException>(() => MonteCarloOrchestration.RunAsync(replay, Request(10, 2)));
    }
}
