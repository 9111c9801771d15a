namespace MarketIntel.Pipeline.Ports;

/// <summary>Pipeline counters for /api/metrics.</summary>
public interface IPipelineMetrics
{
    int Running { get; }

    long Completed { get; }

    long Failed { get; }
}
