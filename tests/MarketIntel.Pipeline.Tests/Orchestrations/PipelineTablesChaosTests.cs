using System.Diagnostics;
using System.Text.Json;
using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using MarketIntel.Ingestion.Simulation;
using MarketIntel.Pipeline.Activities;
using MarketIntel.Pipeline.Engine;
using MarketIntel.Pipeline.Engine.Local;
using MarketIntel.Pipeline.ReadModels;
using MarketIntel.Pipeline.Scheduling;
using MarketIntel.Pipeline.Workflows;
using MarketIntel.Storage.Configuration;
using MarketIntel.Storage.Embedded;
using MarketIntel.Storage.Tables;
using MarketIntel.Storage.Tests.Emulators;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace MarketIntel.Pipeline.Tests.Orchestrations;

/// <summary>
/// Chaos on the pipeline: a scan fan-out and a Monte Carlo run at the same time on the local orchestration runner (the
/// pipeline catalog's registrations, its retry policy), their records (run records, batch results, the ranked run, the
/// report) in Azure Tables on a persisting Azurite, through the product's client
/// (<see cref="StorageClients.CreateTableServiceClient"/>, its retries). Azurite is SIGKILLed once both have stored
/// batches and started again on the same port and folder a few seconds later. The bars and the Monte Carlo summaries
/// (artifacts) stay in local stores: the writes under test are the pipeline's records. Each run must reach a final state
/// (completed, or failed with a reason, after which the same request completes it, as the README documents for failed
/// runs), its run record must never move back, and it must hold each batch once and equal an undisturbed run's result
/// (each setup once; the same Monte Carlo report).
/// </summary>
[Trait("Category", "Emulator")]
public sealed class PipelineTablesChaosTests(ITestOutputHelper output) : IDisposable
{
    private const int Symbols = 96;
    private const int BatchSize = 1;
    private const int BatchesBeforeKill = 20;
    private const long MonteCarloPaths = 200_000;
    private const int MonteCarloBatches = 10;
    private static readonly DateTime Now = new(2025, 3, 6, 15, 0, 0, DateTimeKind.Utc);
    private readonly string scratch = Directory.CreateTempSubdirectory("marketintel-scan-chaos-").FullName;
    private readonly FakeTimeProvider activityClock = new(new DateTimeOffset(Now));
    private readonly PipelineSettings settings = new() { ScanBars = 900, RecentSetupBars = 240 };

    [Fact]
    public async Task AzuriteKilledDuringScanAndMonteCarlo_RunsComplete_LostBatchesRunAgain_EachBatchAndSetupStoredOnce()
    {
        var phases = Stopwatch.StartNew();
        var universe = Enumerable.Range(0, Symbols).Select(i => "CHS" + i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var database = new EmbeddedDatabase(Path.Combine(scratch, "bars"));
        var bars = new EmbeddedBarStore(database, TimeProvider.System);
        var simulator = new MarketSimulator();
        foreach (var symbol in universe)
        {
            await bars.UpsertAsync(new Symbol(symbol), Timeframe.OneMinute, simulator.Bars(MarketSimulator.Resolve(symbol), Timeframe.OneMinute, Now.AddDays(-1), Now), new BarProvenance("test", "1"));
        }

        var definition = ScheduledRuns.AsJson(ScheduledRuns.BuiltInScan("ema-cross", null, "1m"));
        var request = new ScanRunRequest("scan-chaos", definition, universe, BatchSize);
        var model = JsonSerializer.SerializeToElement(new { model = "gbm", mu = 0.0005, sigma = 0.02, horizon = 250, paths = MonteCarloPaths, batches = MonteCarloBatches, seed = 42 });
        var monteCarlo = new MonteCarloRunRequest("mc-chaos", MonteCarloPaths, MonteCarloBatches, 42, model);

        // The references: the same scan and Monte Carlo run on records nothing disturbs.
        var seeded = phases.Elapsed;
        var (reference, referenceReport) = await RunUndisturbedAsync(bars, request, monteCarlo);
        var referenceRun = phases.Elapsed - seeded;
        Assert.True(reference.HistoryCount > 20, $"the test needs setups ({reference.HistoryCount})");

        var location = Path.Combine(scratch, "azurite");
        Directory.CreateDirectory(location);
        var emulator = await NodeEmulators.StartAzuriteTablesAsync(scratch, location);
        var port = emulator.Port;
        try
        {
            var service = StorageClients.CreateTableServiceClient(new StorageSettings { TablesConnectionString = NodeEmulators.AzuriteTablesConnectionString(port) });
            var artifacts = new FileArtifactStore(Path.Combine(scratch, "artifacts"));
            var records = new TablesRecordStore(new TablesStorage(service, "chaos", createIfNotExists: true, artifacts), TimeProvider.System);
            var scanRuns = new ScanRunStore(records);

            // The tables saved to disk before the chaos: Azurite killed before its first save loses the tables themselves,
            // which Azure Tables never does (see TablesChaosTests).
            await records.UpsertAsync(new RecordEnvelope<bool>("warm-up", "warm-up", RecordKinds.OrchestrationRun, Now, JsonSerializer.SerializeToElement(new { }), "1", "warm-up", true));
            await scanRuns.SaveBatchAsync("warm-up", new ScanBatchResult(0, [], [], 0, 0, [], []), JsonSerializer.SerializeToElement(new { }), Now);
            await records.UpsertAsync(new RecordEnvelope<bool>("warm-up", "warm-up", RecordKinds.RiskReport, Now, JsonSerializer.SerializeToElement(new { }), "1", "warm-up", true));
            await AzuritePersistence.WaitForPersistedAsync(location);

            var observed = new List<RunStatus?>();
            using var stopWatching = new CancellationTokenSource();
            var observedMonteCarlo = new List<RunStatus?>();
            var watcher = WatchRunRecordAsync(records, request.RunId, observed, stopWatching.Token);
            var monteCarloWatcher = WatchRunRecordAsync(records, monteCarlo.RunId, observedMonteCarlo, stopWatching.Token);

            await using var runner = Runner(records, bars, artifacts);
            var clock = Stopwatch.StartNew();
            Volatile.Write(ref batchesScanned, 0);
            Volatile.Write(ref batchesSimulated, 0);
            runsStarted = DateTime.UtcNow;
            await runner.StartAsync(ScanOrchestration.Name, request.RunId, request);
            await runner.StartAsync(MonteCarloOrchestration.Name, monteCarlo.RunId, monteCarlo);
            var run = runner.WaitAsync(request.RunId);
            var monteCarloRun = runner.WaitAsync(monteCarlo.RunId);
            while ((Volatile.Read(ref batchesScanned) < BatchesBeforeKill || Volatile.Read(ref batchesSimulated) < 1) && !run.IsCompleted && !monteCarloRun.IsCompleted)
            {
                await Task.Delay(5);
            }

            Assert.False(run.IsCompleted, "the scan finished before the emulator was killed");
            Assert.False(monteCarloRun.IsCompleted, "the Monte Carlo run finished before the emulator was killed");
            var batchesAtKill = Volatile.Read(ref batchesScanned);
            var simulatedAtKill = Volatile.Read(ref batchesSimulated);
            var killedAt = clock.Elapsed;
            // SIGKILL by its PID (Process.Kill): Azurite keeps only what its last periodic save wrote to the folder.
            await emulator.DisposeAsync();
            await Task.Delay(TimeSpan.FromSeconds(4));
            emulator = await NodeEmulators.StartAzuriteTablesAsync(scratch, location, port);
            var restartedAt = clock.Elapsed;

            await Task.WhenAll(run, monteCarloRun).WaitAsync(TimeSpan.FromSeconds(90));
            var firstScan = await scanRuns.GetRunAsync(request.RunId);
            var (first, reRan) = await ReRunIfFailedAsync(runner, records, ScanOrchestration.Name, request.RunId, request);
            var (firstMonteCarlo, reRanMonteCarlo) = await ReRunIfFailedAsync(runner, records, MonteCarloOrchestration.Name, monteCarlo.RunId, monteCarlo);
            // Batch results the emulator lost are run again inside the run (BatchRepair), so neither run needs a re-run.
            output.WriteLine($"batch activities: {Volatile.Read(ref batchesScanned)} scan for {Symbols / BatchSize} batches, {Volatile.Read(ref batchesSimulated)} Monte Carlo for {MonteCarloBatches}");
            Assert.False(reRan, $"the scan failed and needed a re-run: {first.Reason}");
            Assert.False(reRanMonteCarlo, $"the Monte Carlo run failed and needed a re-run: {firstMonteCarlo.Reason}");

            await stopWatching.CancelAsync();
            await Task.WhenAll(watcher, monteCarloWatcher);
            var final = await RunRecordAsync(records, request.RunId);
            Observe(observed, final);
            var finalMonteCarlo = await RunRecordAsync(records, monteCarlo.RunId);
            Observe(observedMonteCarlo, finalMonteCarlo);
            var stored = (await scanRuns.GetRunAsync(request.RunId))!.Value.Run;
            var partition = await ReadPartitionAsync(records, RecordKinds.ScanRun, request.RunId);
            var monteCarloPartition = await ReadPartitionAsync(records, RecordKinds.RiskReport, monteCarlo.RunId);
            var report = (await records.GetAsync<JsonElement>(RecordKinds.RiskReport, monteCarlo.RunId, MonteCarloActivities.ReportId))!.Payload.GetRawText();

            output.WriteLine($"seeding {seeded.TotalSeconds:0.0} s, undisturbed run {referenceRun.TotalSeconds:0.0} s, whole test {phases.Elapsed.TotalSeconds:0.0} s");
            output.WriteLine($"Monte Carlo: {simulatedAtKill}/{MonteCarloBatches} batches at the kill; first run {firstMonteCarlo.Status} ({firstMonteCarlo.Reason}); re-ran: {reRanMonteCarlo}; "
                + $"run record states seen: {string.Join(" ", observedMonteCarlo.Select(o => o?.ToString() ?? "(gone)"))}");
            output.WriteLine($"scan: killed after {batchesAtKill}/{Symbols} batches at {killedAt.TotalSeconds:0.0} s; back at {restartedAt.TotalSeconds:0.0} s; "
                + $"first run {first.Status} ({first.Reason}) at {clock.Elapsed.TotalSeconds:0.0} s; re-ran: {reRan}; scan status after the first run: {firstScan?.Run.Status}; "
                + $"run record states seen: {string.Join(" ", observed.Select(o => o?.ToString() ?? "(gone)"))}; {stored.HistoryCount} setups in history, {stored.Setups?.Count} ranked");

            Assert.Equal(RunStatus.Completed, final!.Status);
            Assert.Equal(RunStatus.Completed, stored.Status);
            Assert.True(IsForwardOnly(observed, reRan), $"the run record moved back: {string.Join(" ", observed.Select(o => o?.ToString() ?? "(gone)"))}");

            // The run and one record per batch, each batch once.
            var batchIds = partition.Where(id => id.StartsWith("batch|", StringComparison.Ordinal)).ToList();
            Assert.Equal(Enumerable.Range(0, Symbols).Select(ScanRunStore.BatchId), batchIds.Order(StringComparer.Ordinal));
            Assert.Equal(Symbols + 1, partition.Count);

            // Monte Carlo: the run, each batch once, and the report of an undisturbed run.
            Assert.Equal(RunStatus.Completed, finalMonteCarlo!.Status);
            Assert.True(IsForwardOnly(observedMonteCarlo, reRanMonteCarlo), $"the run record moved back: {string.Join(" ", observedMonteCarlo.Select(o => o?.ToString() ?? "(gone)"))}");
            Assert.Equal(Enumerable.Range(0, MonteCarloBatches).Select(MonteCarloActivities.BatchId).Append(MonteCarloActivities.ReportId), monteCarloPartition.Order(StringComparer.Ordinal));
            Assert.Equal(referenceReport, report);

            // Listed once (the listing is written again by every RankAndStoreScan attempt and by the re-run).
            Assert.Single(await scanRuns.ListAsync(DateTime.UtcNow, 50), l => l.RunId == request.RunId);

            // Each setup once, and the run equal to the undisturbed one.
            Assert.Equal(stored.Setups!.Count, stored.Setups.Select(s => (s.Symbol, s.Time)).Distinct().Count());
            Assert.Equal(reference.Universe, stored.Universe);
            Assert.Equal(reference.HistoryCount, stored.HistoryCount);
            Assert.Equal(reference.Statistics, stored.Statistics);
            // Compared as stored (a setup's score components are a list, which record equality compares by reference).
            Assert.Equal(JsonSerializer.Serialize(reference.Setups, ScanRunStore.Json), JsonSerializer.Serialize(stored.Setups, ScanRunStore.Json));
        }
        finally
        {
            await emulator.DisposeAsync();
        }
    }

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    private int batchesScanned;
    private int batchesSimulated;

    // The runs' records are filed under the day they started (the runner's real clock).
    private DateTime runsStarted = DateTime.UtcNow;

    private LocalOrchestrationRunner Runner(IRecordStore records, IBarStore bars, IArtifactStore artifacts)
    {
        // Only the scan's and Monte Carlo's activities are built; the catalog's other rows are never called by them.
        var scan = new ScanActivities(bars, records, settings, activityClock);
        var monteCarlo = new MonteCarloActivities(records, artifacts, activityClock);
        var activities = new PipelineActivities(monteCarlo, new RunRecordActivities(records), null!, scan, null!, null!);
        var registry = PipelineCatalog.Register(new LocalPipelineRegistry(), activities)
            // The catalog's own batch activity, counted so that the emulator is killed in the middle of the fan-out.
            .AddActivity<ScanBatchInput, BatchResultRef>(ActivityNames.ScanBatch, async (input, ct) =>
            {
                var reference = await scan.ScanBatchAsync(input, ct);
                Interlocked.Increment(ref batchesScanned);
                return reference;
            })
            .AddActivity<MonteCarloBatchInput, BatchResultRef>(ActivityNames.SimulateMonteCarloBatch, async (input, ct) =>
            {
                var reference = await monteCarlo.SimulateBatchAsync(input, ct);
                Interlocked.Increment(ref batchesSimulated);
                return reference;
            });
        return new LocalOrchestrationRunner(registry, records, TimeProvider.System, maxParallelActivities: 2, output.WriteLine);
    }

    private async Task<(ScanRunDocument Scan, string MonteCarloReport)> RunUndisturbedAsync(IBarStore bars, ScanRunRequest request, MonteCarloRunRequest monteCarlo)
    {
        var database = new EmbeddedDatabase(Path.Combine(scratch, "reference"));
        var records = new EmbeddedRecordStore(database, TimeProvider.System);
        await using var runner = Runner(records, bars, new FileArtifactStore(Path.Combine(scratch, "reference-artifacts")));
        await runner.StartAsync(ScanOrchestration.Name, request.RunId, request);
        await runner.StartAsync(MonteCarloOrchestration.Name, monteCarlo.RunId, monteCarlo);
        await Task.WhenAll(runner.WaitAsync(request.RunId), runner.WaitAsync(monteCarlo.RunId));
        var report = await records.GetAsync<JsonElement>(RecordKinds.RiskReport, monteCarlo.RunId, MonteCarloActivities.ReportId);
        return ((await new ScanRunStore(records).GetRunAsync(request.RunId))!.Value.Run, report!.Payload.GetRawText());
    }

    /// <summary>
    /// The run's state after its first run, which must be final; a failed run must name its reason and is started again
    /// with the same request (what POST /api/scans or /api/montecarlo with the same run id does), which must complete it.
    /// </summary>
    private async Task<(RunRecord First, bool ReRan)> ReRunIfFailedAsync(LocalOrchestrationRunner runner, IRecordStore records, string orchestration, string runId, object request)
    {
        var first = await RunRecordAsync(records, runId);
        Assert.NotNull(first);
        Assert.True(RunStatuses.IsFinal(first.Status), $"{runId} is still {first.Status}");
        if (first.Status == RunStatus.Completed)
        {
            return (first, false);
        }

        Assert.Equal(RunStatus.Failed, first.Status);
        Assert.False(string.IsNullOrWhiteSpace(first.Reason));
        await runner.StartAsync(orchestration, runId, request);
        await runner.WaitAsync(runId).WaitAsync(TimeSpan.FromSeconds(60));
        return (first, true);
    }

    private async Task<RunRecord?> RunRecordAsync(IRecordStore records, string runId, CancellationToken cancellationToken = default) =>
        (await records.GetAsync<RunRecord>(RecordKinds.OrchestrationRun, RunRecordActivities.Partition(runsStarted), runId, cancellationToken))?.Payload;

    private static async Task<List<string>> ReadPartitionAsync(IRecordStore records, RecordKind kind, string runId)
    {
        var ids = new List<string>();
        await foreach (var record in records.ReadAllAsync<JsonElement>(kind, runId))
        {
            ids.Add(record.Id);
        }

        return ids;
    }

    /// <summary>
    /// Reads the run record every 50 ms and keeps each change of state. A read is given up after a second (the client
    /// would otherwise retry through the outage) and reads that fail while the emulator is down are skipped.
    /// </summary>
    private async Task WatchRunRecordAsync(IRecordStore records, string runId, List<RunStatus?> observed, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            using var read = CancellationTokenSource.CreateLinkedTokenSource(stop);
            read.CancelAfter(TimeSpan.FromSeconds(1));
            try
            {
                Observe(observed, await RunRecordAsync(records, runId, read.Token));
            }
            catch (Exception ex) when (ex is Azure.RequestFailedException or OperationCanceledException or AggregateException or HttpRequestException)
            {
            }

            try
            {
                await Task.Delay(50, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Keeps a change of the run record's state; null once it was seen is the record gone (Azurite's lost writes).</summary>
    private static void Observe(List<RunStatus?> observed, RunRecord? run)
    {
        if ((run is not null || observed.Count > 0) && (observed.Count == 0 || observed[^1] != run?.Status))
        {
            observed.Add(run?.Status);
        }
    }

    /// <summary>
    /// Running, then a final state; after a failure, the re-run's Running then Completed. A record that goes back to
    /// Running without a re-run, or from Completed to anything, is a run record that moved back. A record that is gone
    /// (null) is skipped: Azurite lost a write it had acknowledged, which Azure Tables does not (the output counts them).
    /// </summary>
    private static bool IsForwardOnly(List<RunStatus?> observed, bool reRan)
    {
        var allowedRunningStarts = reRan ? 2 : 1;
        var runningStarts = 0;
        RunStatus? previous = null;
        foreach (var status in observed.OfType<RunStatus>())
        {
            if (previous == RunStatus.Completed)
            {
                return false;
            }

            if (status == RunStatus.Running && ++runningStarts > allowedRunningStarts)
            {
                return false;
            }

            previous = status;
        }

        return previous == RunStatus.Completed;
    }
}
