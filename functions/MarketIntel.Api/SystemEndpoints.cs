using System.Globalization;
using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using MarketIntel.Ingestion.Metrics;
using MarketIntel.Ingestion.Service;
using MarketIntel.Pipeline.Activities;
using MarketIntel.Pipeline.Local;
using MarketIntel.Pipeline.Scheduling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace MarketIntel.Api;

/// <summary>
/// The system view: <c>GET /api/events</c> (system events of a day, newest first), <c>GET /api/snapshots</c> (the
/// watchlist rows the ingest runs compute) and <c>GET /api/metrics</c> (pipeline and ingestion counters).
/// </summary>
public static class SystemEndpoints
{
    public static async Task<Results<Ok<List<SystemEventDto>>, ProblemHttpResult>> Events(string? day, string? limit, IRecordStore records, TimeProvider time, CancellationToken cancellationToken)
    {
        var date = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (!string.IsNullOrEmpty(day) && !DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return ApiProblem.BadRequest("day", $"'{day}' is not a date (yyyy-MM-dd)");
        }

        if (!QueryParsing.TryLimit(limit, 200, 1000, out var count, out var error))
        {
            return ApiProblem.BadRequest("limit", error);
        }

        var events = new List<SystemEventDto>();
        await foreach (var r in records.ReadAllAsync<IngestionEvent>(RecordKinds.SystemEvent, IngestionEventLog.Partition(date), cancellationToken: cancellationToken))
        {
            if (r.Payload is { } e)
            {
                events.Add(new SystemEventDto(r.CreatedAt, e.Type, e.Severity, e.Provider, e.Symbol, e.Timeframe, e.Message, e.ArchiveKey, e.Counts));
            }
        }

        events.Reverse();
        return TypedResults.Ok(events.Take(count).ToList());
    }

    public static async Task<Results<Ok<List<IndicatorSnapshot>>, ProblemHttpResult>> Snapshots(string? watchlist, IRecordStore records, ApiOptions options, PipelineSettings settings, CancellationToken cancellationToken)
    {
        var name = string.IsNullOrEmpty(watchlist) ? settings.Watchlist : watchlist;
        var list = await records.GetAsync<Watchlist>(RecordKinds.Watchlist, options.Owner, name, cancellationToken);
        if (list is null)
        {
            return ApiProblem.NotFound($"watchlist '{name}' does not exist");
        }

        var rows = new List<IndicatorSnapshot>();
        foreach (var symbol in list.Payload.Symbols)
        {
            if (Symbol.IsValid(symbol, out _) && await records.GetAsync<IndicatorSnapshot>(RecordKinds.IndicatorSnapshot, symbol, settings.Timeframe.ToString(), cancellationToken) is { } snapshot)
            {
                rows.Add(snapshot.Payload);
            }
        }

        return TypedResults.Ok(rows);
    }

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
