using MarketIntel.Ingestion.Metrics;

namespace MarketIntel.Ingestion.Service;

/// <summary>The outcome of one <see cref="IngestionService.IngestAsync"/> call, per series, with the provider's counters after it.</summary>
public sealed record IngestionReport(string Provider, string Timeframe, DateTime FromUtc, DateTime ToUtc, IReadOnlyList<SeriesResult> Series, ProviderMetrics? Metrics)
{
    public long BarsWritten => Series.Sum(s => s.BarsWritten + s.BarsBackfilled);

    public int GapsFound => Series.Sum(s => s.GapsFound);

    public long BarsBackfilled => Series.Sum(s => s.BarsBackfilled);

    public bool Completed => Series.All(s => s.Completed);
}
