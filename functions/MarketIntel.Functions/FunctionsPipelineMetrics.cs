using MarketIntel.Pipeline.Ports;
using MarketIntel.Pipeline.Workflows;

namespace MarketIntel.Functions;

/// <summary>
/// Pipeline counters of this worker instance for /api/metrics: runs it started and runs whose record it wrote.
/// Durable keeps the authoritative state across instances; /api/runs lists the recorded runs.
/// </summary>
public sealed class FunctionsPipelineMetrics : IPipelineMetrics
{
    private long _started;
    private long _completed;
    private long _failed;

    public int Running => (int)Math.Max(0, Interlocked.Read(ref _started) - Completed - Failed);

    public long Completed => Interlocked.Read(ref _completed);

    public long Failed => Interlocked.Read(ref _failed);

    public void Started() => Interlocked.Increment(ref _started);

    public void Recorded(RunStatus status)
    {
        if (status == RunStatus.Failed)
        {
            Interlocked.Increment(ref _failed);
        }
        else if (status == RunStatus.Completed)
        {
            Interlocked.Increment(ref _completed);
        }
    }
}
