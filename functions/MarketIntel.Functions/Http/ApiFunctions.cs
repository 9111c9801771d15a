using MarketIntel.Api;
using MarketIntel.Core.Storage;
using MarketIntel.Pipeline.Application;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace MarketIntel.Functions.Http;

/// <summary>
/// HTTP triggers of the read and watchlist routes, each a thin call to the shared handler in <see cref="MarketIntelApi"/>.
/// Reads are anonymous; the mutating routes need a function key (Azure's counterpart of the local host's x-api-key).
/// </summary>
public sealed class ApiFunctions(Watchlists watchlists, MarketBars bars, SystemHistory history, ApiOptions options, BarsResponseCache barsCache, StoreHealthProbe storeHealth, TimeProvider time, ApiHostInfo host)
{
    [Function("Health")]
    public Task Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request) =>
        request.WriteAsync(MarketIntelApi.Health(storeHealth, time, host));

    [Function("Symbols")]
    public Task Symbols([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "symbols")] HttpRequest request) =>
        request.WriteAsync(MarketIntelApi.Symbols(watchlists, request.HttpContext.RequestAborted));

    [Function("GetWatchlist")]
    public Task GetWatchlist([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "watchlists/{name}")] HttpRequest request, string name) =>
        request.WriteAsync(MarketIntelApi.GetWatchlist(name, watchlists, request.HttpContext.RequestAborted));

    [Function("PutWatchlist")]
    public Task PutWatchlist([HttpTrigger(AuthorizationLevel.Function, "put", Route = "watchlists/{name}")] HttpRequest request, string name) =>
        request.WriteAsync(MarketIntelApi.PutWatchlist(name, request, watchlists, request.HttpContext.RequestAborted));

    [Function("DeleteWatchlist")]
    public Task DeleteWatchlist([HttpTrigger(AuthorizationLevel.Function, "delete", Route = "watchlists/{name}")] HttpRequest request, string name) =>
        request.WriteAsync(MarketIntelApi.DeleteWatchlist(name, watchlists, request.HttpContext.RequestAborted));

    [Function("Bars")]
    public Task Bars([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "bars/{symbol}")] HttpRequest request, string symbol) =>
        request.WriteAsync(MarketIntelApi.Bars(symbol, request.Query("timeframe"), request.Query("from"), request.Query("to"), request.Query("limit"),
            request.Query("continuationToken"), bars, watchlists, options, barsCache, time, request.HttpContext.RequestAborted));

    [Function("Runs")]
    public Task Runs([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "runs")] HttpRequest request) =>
        request.WriteAsync(MarketIntelApi.Runs(request.Query("kind"), request.Query("day"), history, request.HttpContext.RequestAborted));
}
