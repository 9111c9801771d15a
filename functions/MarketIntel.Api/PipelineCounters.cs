namespace MarketIntel.Api;

/// <summary>Pipeline runs in flight, and completed and failed since the host started.</summary>
public sealed record PipelineCounters(int Running, long Completed, long Failed);
