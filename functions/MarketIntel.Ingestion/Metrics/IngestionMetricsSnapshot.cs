namespace MarketIntel.Ingestion.Metrics;

/// <summary>A consistent copy of the ingestion counters, for the HTTP API and the dashboard.</summary>
public sealed record IngestionMetricsSnapshot(DateTimeOffset TakenAt, IReadOnlyList<ProviderMetrics> Providers)
{
    public ProviderMetrics? For(string provider) => Providers.FirstOrDefault(p => p.Provider == provider);
}
