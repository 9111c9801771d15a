using System.Collections.Concurrent;
using System.Text.Json;
using MarketIntel.Core.Storage;
using MarketIntel.Pipeline.Activities;
using MarketIntel.Pipeline.Orchestration;
using MarketIntel.Pipeline.Orchestrations;

namespace MarketIntel.Pipeline.Local;

/// <summary>
/// The local host's orchestration engine: runs orchestrations in the background with bounded activity parallelism,
/// records each run (Running, then Completed/Failed, or Interrupted at shutdown) with its input, and on start-up
/// resumes runs that a previous process left unfinished (activities are idempotent, so re-running them is safe).
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

    public async Task StartAsync(string orchestration, string instanceId, object input, CancellationToken cancellationToken = default)
    {
        var json = JsonSerializer.SerializeToElement(input, PipelineJson.Options);
        var started = _time.GetUtcNow().UtcDateTime;
        var record = new RunRecord(instanceId, orchestration, "Running", started, started, string.Empty);
        await Write(record, Inputs(orchestration, json), cancellationToken);
        Launch(orchestration, instanceId, json, started);
    }

    /// <summary>Waits until the instance finishes (for tests and graceful shutdown).</summary>
    public Task WaitAsync(string instanceId) => _running.TryGetValue(instanceId, out var task) ? task : Task.CompletedTask;

    /// <summary>Re-starts the runs of the given days that are still Running or were Interrupted.</summary>
    public async Task<int> ResumeAsync(IEnumerable<DateOnly> days, CancellationToken cancellationToken = default)
    {
        var resumed = 0;
        foreach (var day in days)
        {
            var partition = RunRecordActivities.Partition(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
            await foreach (var r in _records.ReadAllAsync<RunRecord>(RecordKinds.OrchestrationRun, partition, cancellationToken: cancellationToken))
            {
                if (r.Payload.Status is "Running" or "Interrupted" && !_running.ContainsKey(r.Id)
                    && r.Inputs.TryGetProperty("orchestration", out var name) && r.Inputs.TryGetProperty("input", out var input))
                {
                    _log($"resuming {r.Payload.Kind} run {r.Id}");
                    Launch(name.GetString()!, r.Id, input.Clone(), r.Payload.StartedUtc);
                    resumed++;
                }
            }
        }

        return resumed;
    }

    /// <summary>Stops accepting work; runs that do not finish within the grace period are recorded as Interrupted.</summary>
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
            // Recorded as Interrupted by the run itself.
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

    private static JsonElement Inputs(string orchestration, JsonElement input) =>
        JsonSerializer.SerializeToElement(new { orchestration, input }, PipelineJson.Options);

    private void Launch(string orchestration, string instanceId, JsonElement input, DateTime started)
    {
        var task = Task.Run(() => RunAsync(orchestration, instanceId, input, started));
        _running[instanceId] = task;
        _ = task.ContinueWith(_ => _running.TryRemove(instanceId, out Task? _), TaskScheduler.Default);
    }

    private async Task RunAsync(string orchestration, string instanceId, JsonElement input, DateTime started)
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
            await Write(new RunRecord(instanceId, orchestration, "Interrupted", started, _time.GetUtcNow().UtcDateTime, "stopped by host shutdown; resumes on next start"), Inputs(orchestration, input), CancellationToken.None);
        }
        catch (Exception ex)
        {
            Interlocked.Increment(ref _failed);
            _log($"{instanceId}: {orchestration} failed: {ex.Message}");
            await Write(new RunRecord(instanceId, orchestration, "Failed", started, _time.GetUtcNow().UtcDateTime, ex.Message), Inputs(orchestration, input), CancellationToken.None);
        }
    }

    private Task Write(RunRecord record, JsonElement inputs, CancellationToken cancellationToken) =>
        new RunRecordActivities(_records).RecordAsync(record, inputs, cancellationToken);
}
