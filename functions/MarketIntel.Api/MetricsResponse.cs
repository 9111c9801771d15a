using MarketIntel.Ingestion.Metrics;

namespace MarketIntel.Api;

/// <summary>The response of <c>GET /api/metrics</c>: this host's pipeline, ingestion and live-stream counters since it started.</summary>
public sealed record MetricsResponse(PipelineCounters Pipeline, IngestionMetricsSnapshot Ingestion, StreamCounters Stream);
