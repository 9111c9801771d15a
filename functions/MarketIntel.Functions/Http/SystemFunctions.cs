using MarketIntel.Api;
using MarketIntel.Ingestion.Metrics;
using MarketIntel.Pipeline.Application;
using MarketIntel.Pipeline.Ports;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace MarketIntel.Functions.Http;

/// <summary>System routes (OpenAPI document, events, indicator snapshots, metrics) over <see cref="SystemEndpoints"/>.</summary>
public sealed class SystemFunctions(SystemHistory history, IPipelineMetrics pipeline, IngestionMetrics ingestion, LiveEvents live)
{
    [Function("OpenApi")]
    public Task OpenApi([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest request) =>
        request.WriteAsync(OpenApiFile.Serve(AppContext.BaseDirectory));

    [Function("Events")]
    public Task Events([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "events")] HttpRequest request) =>
        request.WriteAsync(SystemEndpoints.Events(request.Query("day"), request.Query("limit"), history, request.HttpContext.RequestAborted));

    [Function("Snapshots")]
    public Task Snapshots([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "snapshots")] HttpRequest request) =>
        request.WriteAsync(SystemEndpoints.Snapshots(request.Query("watchlist"), history, request.HttpContext.RequestAborted));

    [Function("Metrics")]
    public Task Metrics([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "metrics")] HttpRequest request) =>
        request.WriteAsync(SystemEndpoints.Metrics(pipeline, ingestion, live));
}
