namespace MarketIntel.Ingestion.Metrics;

/// <summary>A consistent copy of the ingestion counters, for the HTTP API and the dashboard.</summary>
public sealed record IngestionMetricsSnapshot(DateTimeOffset TakenAt, IReadOnlyList<ProviderMetrics> Providers)
{
    /// <summary>The tick bridge's streams (empty when it does not run in this process).</summary>
    public IReadOnlyList<BridgeStreamMetrics> Streams { get; init; } = [];

    public ProviderMetrics? For(string provider) => Providers.FirstOrDefault(p => p.Provider == provider);
}
