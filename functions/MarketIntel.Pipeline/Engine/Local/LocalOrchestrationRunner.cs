using System.Collections.Concurrent;
using System.Text.Json;
using MarketIntel.Core.Storage;
using MarketIntel.Pipeline.Activities;
using MarketIntel.Pipeline.Ports;
using MarketIntel.Pipeline.ReadModels;
using MarketIntel.Pipeline.Workflows;

namespace MarketIntel.Pipeline.Engine.Local;

/// <summary>
/// The local host's orchestration engine: runs orchestrations in the background with bounded activity parallelism.
/// The orchestrations record their own states (Running, Completed, Failed) through activities, as under Durable; the
/// runner adds only what has no Durable counterpart: at start-up, runs a previous process left Running (it stopped or
/// died mid-run) are marked Interrupted with the reason, so no status route answers "running" for them forever.
/// </summary>
public sealed class LocalOrchestrationRunner : IOrchestrationStarter, IPipelineMetrics, IAsyncDisposable
{
    private readonly LocalPipelineRegistry _registry;
    private readonly IRecordStore _records;
    private readonly TimeProvider _time;
    private readonly Action<string> _log;
    private readonly SemaphoreSlim _gate;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, Task> _running = new(StringComparer.Ordinal);
    private long _completed;
    private long _failed;
    private int _disposed;

    public LocalOrchestrationRunner(LocalPipelineRegistry registry, IRecordStore records, TimeProvider time, int maxParallelActivities, Action<string>? log = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxParallelActivities, 1);
        _registry = registry;
        _records = records;
        _time = time;
        _log = log ?? (static _ => { });
        _gate = new SemaphoreSlim(maxParallelActivities, maxParallelActivities);
    }

    public long Completed => Interlocked.Read(ref _completed);

    public long Failed => Interlocked.Read(ref _failed);

    public int Running => _running.Count;

    /// <summary>Starts the instance in the background unless an instance with that id is still running here.</summary>
    public Task StartAsync(string orchestration, string instanceId, object input, CancellationToken cancellationToken = default)
    {
        var json = JsonSerializer.SerializeToElement(input, PipelineJson.Options);
        _ = _registry.Orchestration(orchestration);
        Launch(orchestration, instanceId, json);
        return Task.CompletedTask;
    }

    /// <summary>Waits until the instance finishes (for tests and graceful shutdown).</summary>
    public Task WaitAsync(string instanceId) => _running.TryGetValue(instanceId, out var task) ? task : Task.CompletedTask;

    /// <summary>
    /// Marks the runs of the given days that are recorded as Running but do not run in this process as Interrupted, with
    /// the reason (their run record and their own status record). Called once at start-up, before new runs can collide.
    /// Returns how many runs were marked.
    /// </summary>
    public async Task<int> InterruptUnfinishedAsync(IEnumerable<DateOnly> days, CancellationToken cancellationToken = default)
    {
        var runs = new RunRecordActivities(_records);
        var marked = 0;
        var dayList = days.ToList();
        foreach (var day in dayList)
        {
            var partition = RunRecordActivities.Partition(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
            var stale = new List<RunRecord>();
            await foreach (var r in _records.ReadAllAsync<RunRecord>(RecordKinds.OrchestrationRun, partition, cancellationToken: cancellationToken))
            {
                if (r.Payload.Status == RunStatus.Running && !_running.ContainsKey(r.Id))
                {
                    stale.Add(r.Payload);
                }
            }

            foreach (var run in stale)
            {
                var interrupted = run with
                {
                    Status = RunStatus.Interrupted,
                    FinishedUtc = _time.GetUtcNow().UtcDateTime,
                    Reason = "the local host stopped while this run was in progress; start it again (the same request, or the next schedule)",
                };
                if (await runs.RecordAsync(interrupted, null, cancellationToken))
                {
                    _log($"{run.Kind} run {run.RunId} was left running by the previous host: marked interrupted");
                    marked++;
                }
            }
        }

        return marked + await InterruptScansWithoutRunRecordAsync(dayList, runs, cancellationToken);
    }

    /// <summary>
    /// POST /api/scans saves the scan's status record (Running) before its orchestration writes a run record, so a host
    /// killed in between leaves a scan that answers "running" forever and that the same request would not start again.
    /// Such scans (created on one of <paramref name="days"/>, Running, not running here) get an Interrupted run record,
    /// which marks their status record Interrupted with the reason too.
    /// </summary>
    private async Task<int> InterruptScansWithoutRunRecordAsync(List<DateOnly> days, RunRecordActivities runs, CancellationToken cancellationToken)
    {
        var scans = new ScanRunStore(_records);
        var marked = 0;
        foreach (var month in days.Select(d => new DateTime(d.Year, d.Month, 1, 0, 0, 0, DateTimeKind.Utc)).Distinct())
        {
            var listed = new List<ScanRunListing>();
            await foreach (var r in _records.ReadAllAsync<JsonElement>(RecordKinds.ScanRunListing, ScanRunStore.ListingPartition(month), cancellationToken: cancellationToken))
            {
                listed.Add(r.Payload.Deserialize<ScanRunListing>(ScanRunStore.Json)!);
            }

            foreach (var listing in listed)
            {
                if (!days.Contains(DateOnly.FromDateTime(listing.CreatedAt)) || _running.ContainsKey(listing.RunId)
                    || await scans.GetRunAsync(listing.RunId, cancellationToken) is not { } stored || stored.Run.Status != RunStatus.Running)
                {
                    continue;
                }

                var interrupted = new RunRecord(listing.RunId, ScanOrchestration.Name, RunStatus.Interrupted, stored.Run.CreatedAt, _time.GetUtcNow().UtcDateTime, string.Empty,
                    "the local host stopped before this scan's run started; start it again (the same request, or the next schedule)");
                if (await runs.RecordAsync(interrupted, null, cancellationToken))
                {
                    _log($"scan {listing.RunId} was accepted but never started by the previous host: marked interrupted");
                    marked++;
                }
            }
        }

        return marked;
    }

    /// <summary>Stops accepting work; runs that do not finish within the grace period are cancelled (Interrupted at the next start).</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        var pending = _running.Values.ToArray();
        await Task.WhenAny(Task.WhenAll(pending), Task.Delay(grace, _time));
        await _stopping.CancelAsync();
        try
        {
            await Task.WhenAll(_running.Values.ToArray());
        }
        catch (OperationCanceledException)
        {
            // Cancelled runs keep their Running record; the next start marks them Interrupted.
        }
    }

    /// <summary>Idempotent: dependency injection may dispose the runner once per service type it is registered as.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.Zero);
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stopping.Dispose();
        _gate.Dispose();
    }

    private void Launch(string orchestration, string instanceId, JsonElement input)
    {
        lock (_running)
        {
            // As Durable's starter: an instance id that still runs is not started twice.
            if (_running.TryGetValue(instanceId, out var current) && !current.IsCompleted)
            {
                return;
            }

            var task = Task.Run(() => RunAsync(orchestration, instanceId, input));
            _running[instanceId] = task;
            _ = task.ContinueWith(t => ((ICollection<KeyValuePair<string, Task>>)_running).Remove(new KeyValuePair<string, Task>(instanceId, t)), TaskScheduler.Default);
        }
    }

    private async Task RunAsync(string orchestration, string instanceId, JsonElement input)
    {
        var token = _stopping.Token;
        var context = new LocalOrchestrationContext(instanceId, _registry, _gate, _time, _log, token);
        try
        {
            await _registry.Orchestration(orchestration)(context, input);
            Interlocked.Increment(ref _completed);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            _log($"{instanceId}: {orchestration} stopped by host shutdown");
        }
        catch (Exception ex)
        {
            // The orchestration has recorded the failure itself; this is the log line and the counter.
            Interlocked.Increment(ref _failed);
            _log($"{instanceId}: {orchestration} failed: {ex.Message}");
        }
    }
}
