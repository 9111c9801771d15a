using MarketIntel.Api;
using MarketIntel.Pipeline.Application;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace MarketIntel.Functions.Http;

/// <summary>Indicator and regime routes over <see cref="IndicatorEndpoints"/> and <see cref="RegimeEndpoints"/>.</summary>
public sealed class AnalyticsFunctions(MarketBars bars, Watchlists watchlists, ApiOptions options, TimeProvider time, BarsResponseCache cache)
{
    [Function("IndicatorCatalog")]
    public Task Catalog([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "indicators")] HttpRequest request) =>
        request.WriteAsync(IndicatorEndpoints.Catalog());

    [Function("Indicators")]
    public Task Indicators([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "indicators/{symbol}")] HttpRequest request, string symbol) =>
        request.WriteAsync(IndicatorEndpoints.Evaluate(symbol, request.Query("timeframe"), [.. request.Query["spec"].OfType<string>()], request.Query("to"), request.Query("limit"),
            bars, watchlists, options, cache, time, request.HttpContext.RequestAborted));

    [Function("Regimes")]
    public Task Regimes([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "regimes/{symbol}")] HttpRequest request, string symbol) =>
        request.WriteAsync(RegimeEndpoints.Regimes(symbol, request.Query("timeframe"), request.Query("states"), request.Query("limit"),
            bars, watchlists, time, request.HttpContext.RequestAborted));
}
