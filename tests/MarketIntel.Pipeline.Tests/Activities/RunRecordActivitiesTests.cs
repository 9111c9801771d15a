using System.Text.Json;
using MarketIntel.Core.Storage;
using MarketIntel.Pipeline.Activities;
using MarketIntel.Pipeline.Engine;
using MarketIntel.Pipeline.ReadModels;
using MarketIntel.Pipeline.Workflows;
using MarketIntel.Storage.Embedded;

namespace MarketIntel.Pipeline.Tests.Activities;

/// <summary>The run record's transition rules and the failure marking of each run's own status record, on the embedded store.</summary>
public sealed class RunRecordActivitiesTests : IDisposable
{
    private static readonly DateTime Start = new(2026, 2, 3, 10, 0, 0, DateTimeKind.Utc);
    private readonly string _data = Directory.CreateTempSubdirectory("marketintel-runrecords-").FullName;
    private readonly IRecordStore _records;
    private readonly RunRecordActivities _runs;

    public RunRecordActivitiesTests()
    {
        _records = new EmbeddedRecordStore(new EmbeddedDatabase(_data), TimeProvider.System);
        _runs = new RunRecordActivities(_records);
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private static RunRecord Run(RunStatus status, string kind = "Ingest", string id = "run-1", string? reason = null) =>
        new(id, kind, status, Start, Start.AddSeconds(5), status.ToString(), reason);

    private async Task<RecordEnvelope<RunRecord>?> StoredAsync(string id = "run-1") =>
        await _records.GetAsync<RunRecord>(RecordKinds.OrchestrationRun, RunRecordActivities.Partition(Start), id);

    [Theory]
    [InlineData(null, RunStatus.Running, true)]
    [InlineData(null, RunStatus.Completed, true)]
    [InlineData(RunStatus.Running, RunStatus.Running, true)]
    [InlineData(RunStatus.Running, RunStatus.Completed, true)]
    [InlineData(RunStatus.Running, RunStatus.Failed, true)]
    [InlineData(RunStatus.Running, RunStatus.Interrupted, true)]
    [InlineData(RunStatus.Completed, RunStatus.Running, false)]
    [InlineData(RunStatus.Completed, RunStatus.Failed, false)]
    [InlineData(RunStatus.Completed, RunStatus.Interrupted, false)]
    [InlineData(RunStatus.Completed, RunStatus.Completed, true)]
    [InlineData(RunStatus.Failed, RunStatus.Running, true)]
    [InlineData(RunStatus.Failed, RunStatus.Failed, true)]
    [InlineData(RunStatus.Failed, RunStatus.Completed, false)]
    [InlineData(RunStatus.Failed, RunStatus.Interrupted, false)]
    [InlineData(RunStatus.Interrupted, RunStatus.Running, true)]
    [InlineData(RunStatus.Interrupted, RunStatus.Completed, false)]
    [InlineData(RunStatus.Interrupted, RunStatus.Failed, false)]
    public async Task Record_MovesOnlyAsTheRulesAllow_AndReportsWhetherItWrote(RunStatus? current, RunStatus next, bool written)
    {
        if (current is { } c)
        {
            Assert.True(await _runs.RecordAsync(Run(RunStatus.Running), null, CancellationToken.None));
            Assert.True(await _runs.RecordAsync(Run(c), null, CancellationToken.None));
        }

        Assert.Equal(written, await _runs.RecordAsync(Run(next), null, CancellationToken.None));
        var stored = (await StoredAsync())!;
        var expected = written ? next : current!.Value;
        Assert.Equal((expected, RunStatuses.Name(expected)), (stored.Payload.Status, stored.Status));
    }

    [Fact]
    public async Task LateRunning_NeverOverwritesACompletedRun()
    {
        await _runs.RecordAsync(Run(RunStatus.Running), null, CancellationToken.None);
        await _runs.RecordAsync(Run(RunStatus.Completed) with { Summary = "10 bars" }, null, CancellationToken.None);
        Assert.False(await _runs.RecordAsync(Run(RunStatus.Running) with { Summary = string.Empty }, null, CancellationToken.None));
        Assert.Equal((RunStatus.Completed, "10 bars"), ((await StoredAsync())!.Payload.Status, (await StoredAsync())!.Payload.Summary));
    }

    [Fact]
    public async Task RecordWithoutInputs_KeepsTheStoredInputs()
    {
        var inputs = JsonSerializer.SerializeToElement(new { symbols = new[] { "AAPL" } });
        await _runs.RecordAsync(Run(RunStatus.Running), inputs, CancellationToken.None);
        await _runs.RecordAsync(Run(RunStatus.Completed), null, CancellationToken.None);
        Assert.Equal(inputs.GetRawText(), (await StoredAsync())!.Inputs.GetRawText());
    }

    [Fact]
    public async Task LongReason_IsBounded()
    {
        await _runs.RecordAsync(Run(RunStatus.Failed, reason: new string('e', 3000)), null, CancellationToken.None);
        Assert.Equal(RunStatuses.MaxReasonLength, (await StoredAsync())!.Payload.Reason!.Length);
    }

    [Fact]
    public async Task FailedMonteCarloRun_MarksItsReportRecordFailedWithTheReason()
    {
        await _records.UpsertAsync(new RecordEnvelope<JsonElement>(MonteCarloActivities.ReportId, "mc-ab", RecordKinds.RiskReport, Start,
            JsonSerializer.SerializeToElement(new { paths = 10 }), "mc-1", "running", JsonSerializer.SerializeToElement(new { })));
        Assert.True(await _runs.RecordAsync(Run(RunStatus.Failed, MonteCarloOrchestration.Name, "mc-ab", "batch too large"), null, CancellationToken.None));

        var report = (await _records.GetAsync<JsonElement>(RecordKinds.RiskReport, "mc-ab", MonteCarloActivities.ReportId))!;
        Assert.Equal("failed", report.Status);
        Assert.Equal(new MonteCarloFailure("batch too large", Start.AddSeconds(5)), report.Payload.Deserialize<MonteCarloFailure>(MonteCarloActivities.Json));
        Assert.Equal(10, report.Inputs.GetProperty("paths").GetInt32());
    }

    [Fact]
    public async Task FailureOfAnEarlierAttempt_DoesNotOverwriteACompletedReport()
    {
        var payload = JsonSerializer.SerializeToElement(new { var95 = 0.1 });
        await _records.UpsertAsync(new RecordEnvelope<JsonElement>(MonteCarloActivities.ReportId, "mc-cd", RecordKinds.RiskReport, Start,
            JsonSerializer.SerializeToElement(new { }), "mc-1", "completed", payload));
        await _runs.RecordAsync(Run(RunStatus.Failed, MonteCarloOrchestration.Name, "mc-cd", "late"), null, CancellationToken.None);
        var report = (await _records.GetAsync<JsonElement>(RecordKinds.RiskReport, "mc-cd", MonteCarloActivities.ReportId))!;
        Assert.Equal(("completed", payload.GetRawText()), (report.Status, report.Payload.GetRawText()));
    }

    [Fact]
    public async Task InterruptedScanRun_MarksItsScanDocumentWithTheReason()
    {
        var store = new ScanRunStore(_records);
        var definition = JsonSerializer.SerializeToElement(new { name = "ema" });
        await store.SaveRunAsync(new ScanRunDocument("scan-1", "ema", RunStatus.Running, Start, null, "1m", ["AAPL"], [], 0, 0, null, null, definition),
            JsonSerializer.SerializeToElement(new { }));
        Assert.True(await _runs.RecordAsync(Run(RunStatus.Interrupted, ScanOrchestration.Name, "scan-1", "host stopped"), null, CancellationToken.None));

        var run = (await store.GetRunAsync("scan-1"))!.Value.Run;
        Assert.Equal((RunStatus.Interrupted, "host stopped", (DateTime?)Start.AddSeconds(5)), (run.Status, run.Reason, run.CompletedAt));
        Assert.Equal("interrupted", (await _records.GetAsync<JsonElement>(RecordKinds.ScanRun, "scan-1", "scan-1"))!.Status);
    }

    [Fact]
    public async Task FailedRunWithoutAStatusRecord_WritesOnlyTheRunRecord()
    {
        Assert.True(await _runs.RecordAsync(Run(RunStatus.Failed, ScanOrchestration.Name, "scan-2", "no bars"), null, CancellationToken.None));
        Assert.Null(await new ScanRunStore(_records).GetRunAsync("scan-2"));
        Assert.Equal("no bars", (await StoredAsync("scan-2"))!.Payload.Reason);
    }

    [Theory]
    [InlineData("\"running\"", RunStatus.Running)]
    [InlineData("\"Completed\"", RunStatus.Completed)]
    [InlineData("\"failed\"", RunStatus.Failed)]
    [InlineData("\"interrupted\"", RunStatus.Interrupted)]
    public void Status_ReadsLowercaseAndTheNamesOlderRecordsStored(string json, RunStatus expected)
    {
        Assert.Equal(expected, JsonSerializer.Deserialize<RunStatus>(json, PipelineJson.Options));
        Assert.Equal(expected, RunStatuses.Parse(json.Trim('"')));
    }

    [Fact]
    public void Status_IsWrittenAsTheLowercaseNameUnderEveryOptionsInUse()
    {
        foreach (var options in new[] { PipelineJson.Options, ScanRunStore.Json, MonteCarloActivities.Json, JsonSerializerOptions.Web })
        {
            Assert.Equal("\"interrupted\"", JsonSerializer.Serialize(RunStatus.Interrupted, options));
        }

        Assert.Throws<FormatException>(() => RunStatuses.Parse("1"));
        Assert.Throws<FormatException>(() => RunStatuses.Parse("done"));
    }
}
