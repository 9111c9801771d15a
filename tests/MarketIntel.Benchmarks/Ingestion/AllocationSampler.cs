using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace MarketIntel.Benchmarks.Ingestion;

/// <summary>
/// The runtime's allocation samples (an <c>AllocationTick</c> event about every 100 KB allocated, naming the type that
/// crossed the mark), counted by type in process: which types the tick path allocates most, without an external tracer.
/// Enabled by the tick driver when <c>MARKETINTEL_ALLOCATIONS=1</c>.
/// </summary>
public sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentDictionary<string, int> _samples = new(StringComparer.Ordinal);

    public bool Recording { get; set; }

    public IEnumerable<KeyValuePair<string, int>> Top(int count) => _samples.OrderByDescending(p => p.Value).Take(count);

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!Recording || eventData.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.PayloadNames is null)
        {
            return;
        }

        var index = eventData.PayloadNames.IndexOf("TypeName");
        if (index >= 0 && eventData.Payload?[index] is string type)
        {
            _samples.AddOrUpdate(type, 1, static (_, n) => n + 1);
        }
    }
}
