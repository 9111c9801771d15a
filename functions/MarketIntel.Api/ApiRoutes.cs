namespace MarketIntel.Api;

/// <summary>
/// The route table: every <c>/api</c> route, once. The local host maps its endpoints from it; the Functions app's HTTP
/// triggers and its generated <c>functions.metadata</c> are checked against it by tests (name, method, route, access).
/// Adding a route is a row here plus its Functions attribute.
/// </summary>
public static class ApiRoutes
{
    public const string Prefix = "api";

    public static IReadOnlyList<ApiRoute> All { get; } =
    [
        new("Health", "GET", "health", ApiAccess.Read, MarketIntelApi.Health),
        new("OpenApi", "GET", "openapi.json", ApiAccess.Read, null),
        new("Symbols", "GET", "symbols", ApiAccess.Read, MarketIntelApi.Symbols),
        new("GetWatchlist", "GET", "watchlists/{name}", ApiAccess.Read, MarketIntelApi.GetWatchlist),
        new("PutWatchlist", "PUT", "watchlists/{name}", ApiAccess.Write, MarketIntelApi.PutWatchlist),
        new("DeleteWatchlist", "DELETE", "watchlists/{name}", ApiAccess.Write, MarketIntelApi.DeleteWatchlist),
        new("Bars", "GET", "bars/{symbol}", ApiAccess.Read, MarketIntelApi.Bars),
        new("Runs", "GET", "runs", ApiAccess.Read, MarketIntelApi.Runs),
        new("StartMonteCarlo", "POST", "risk/montecarlo", ApiAccess.Write, RiskEndpoints.StartMonteCarlo),
        new("GetMonteCarlo", "GET", "risk/montecarlo/{id}", ApiAccess.Read, RiskEndpoints.GetMonteCarlo),
        new("IndicatorCatalog", "GET", "indicators", ApiAccess.Read, IndicatorEndpoints.Catalog),
        new("Indicators", "GET", "indicators/{symbol}", ApiAccess.Read, IndicatorEndpoints.Evaluate),
        new("Strategies", "GET", "strategies", ApiAccess.Read, ScanEndpoints.Strategies),
        new("StartScan", "POST", "scans", ApiAccess.Write, ScanEndpoints.StartScan),
        new("ListScans", "GET", "scans", ApiAccess.Read, ScanEndpoints.ListScans),
        new("GetScan", "GET", "scans/{id}", ApiAccess.Read, ScanEndpoints.GetScan),
        new("Setups", "GET", "setups", ApiAccess.Read, ScanEndpoints.Setups),
        new("GetOutcomes", "GET", "outcomes", ApiAccess.Read, ScanEndpoints.Outcomes),
        new("Regimes", "GET", "regimes/{symbol}", ApiAccess.Read, RegimeEndpoints.Regimes),
        new("Events", "GET", "events", ApiAccess.Read, SystemEndpoints.Events),
        new("Snapshots", "GET", "snapshots", ApiAccess.Read, SystemEndpoints.Snapshots),
        new("Metrics", "GET", "metrics", ApiAccess.Read, SystemEndpoints.Metrics),
    ];
}
