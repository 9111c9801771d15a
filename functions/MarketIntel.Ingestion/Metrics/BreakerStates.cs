namespace MarketIntel.Ingestion.Metrics;

/// <summary>Circuit breaker states as the metrics report them.</summary>
public static class BreakerStates
{
    public const string Closed = "closed";
    public const string Open = "open";
    public const string HalfOpen = "half-open";
}
