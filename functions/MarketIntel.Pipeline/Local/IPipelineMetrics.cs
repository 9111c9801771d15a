namespace MarketIntel.Pipeline.Local;

/// <summary>Pipeline counters for /api/metrics.</summary>
public interface IPipelineMetrics
{
    int Running { get; }

    long Completed { get; }

    long Failed { get; }
}
