using MarketIntel.Ingestion.Metrics;
using MarketIntel.Pipeline.Application;
using MarketIntel.Pipeline.Ports;
using MarketIntel.Pipeline.ReadModels;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MarketIntel.Api;

/// <summary>
/// The system view: <c>GET /api/events</c> (system events of a day, newest first), <c>GET /api/snapshots</c> (the
/// watchlist rows the ingest runs compute) and <c>GET /api/metrics</c> (pipeline and ingestion counters).
/// </summary>
public static class SystemEndpoints
{
    public static async Task<Results<Ok<List<SystemEventDto>>, ProblemHttpResult>> Events(string? day, string? limit, SystemHistory history, CancellationToken cancellationToken)
    {
        if (!QueryParsing.TryLimit(limit, 200, 1000, out var count, out var error))
        {
            return ApiProblem.BadRequest("limit", error);
        }

        return MarketIntelApi.Answer(await history.EventsAsync(day, count, cancellationToken));
    }

    public static async Task<Results<Ok<List<IndicatorSnapshot>>, ProblemHttpResult>> Snapshots(string? watchlist, SystemHistory history, CancellationToken cancellationToken) =>
        MarketIntelApi.Answer(await history.SnapshotsAsync(watchlist, cancellationToken));

    /// <summary>
    /// Pipeline counters (runs in flight, completed and failed since the host started), ingestion counters per provider,
    /// and the live stream's (clients connected, clients dropped for falling behind, the newest event id).
    /// </summary>
    public static Ok<MetricsResponse> Metrics(IPipelineMetrics pipeline, IngestionMetrics ingestion, LiveEvents live) =>
        TypedResults.Ok(new MetricsResponse(
            new PipelineCounters(pipeline.Running, pipeline.Completed, pipeline.Failed),
            ingestion.Snapshot(),
            new StreamCounters(live.Feed.Subscribers, live.Feed.DroppedSubscribers, live.Feed.LastId)));
}
