using MarketIntel.Pipeline.Application;
using MarketIntel.Pipeline.Automation;
using MarketIntel.Pipeline.Backtesting;
using MarketIntel.Pipeline.Brokerage;
using MarketIntel.Pipeline.Trading;

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
        new("PutWatchlist", "PUT", "watchlists/{name}", ApiAccess.Write, MarketIntelApi.PutWatchlist, typeof(WatchlistUpdate)),
        new("DeleteWatchlist", "DELETE", "watchlists/{name}", ApiAccess.Write, MarketIntelApi.DeleteWatchlist),
        new("Bars", "GET", "bars/{symbol}", ApiAccess.Read, MarketIntelApi.Bars),
        new("Runs", "GET", "runs", ApiAccess.Read, MarketIntelApi.Runs),
        new("StartMonteCarlo", "POST", "risk/montecarlo", ApiAccess.Write, RiskEndpoints.StartMonteCarlo, typeof(MonteCarloJob)),
        new("GetMonteCarlo", "GET", "risk/montecarlo/{id}", ApiAccess.Read, RiskEndpoints.GetMonteCarlo),
        new("IndicatorCatalog", "GET", "indicators", ApiAccess.Read, IndicatorEndpoints.Catalog),
        new("Indicators", "GET", "indicators/{symbol}", ApiAccess.Read, IndicatorEndpoints.Evaluate),
        new("Strategies", "GET", "strategies", ApiAccess.Read, ScanEndpoints.Strategies),
        new("StartScan", "POST", "scans", ApiAccess.Write, ScanEndpoints.StartScan, typeof(ScanRequest)),
        new("ListScans", "GET", "scans", ApiAccess.Read, ScanEndpoints.ListScans),
        new("GetScan", "GET", "scans/{id}", ApiAccess.Read, ScanEndpoints.GetScan),
        new("Setups", "GET", "setups", ApiAccess.Read, ScanEndpoints.Setups),
        new("GetOutcomes", "GET", "outcomes", ApiAccess.Read, ScanEndpoints.Outcomes),
        new("Regimes", "GET", "regimes/{symbol}", ApiAccess.Read, RegimeEndpoints.Regimes),
        new("Events", "GET", "events", ApiAccess.Read, SystemEndpoints.Events),
        new("Snapshots", "GET", "snapshots", ApiAccess.Read, SystemEndpoints.Snapshots),
        new("Metrics", "GET", "metrics", ApiAccess.Read, SystemEndpoints.Metrics),
        new("Stream", "GET", "stream", ApiAccess.Read, StreamEndpoints.Stream),
        new("RunBacktest", "POST", "backtests", ApiAccess.Write, BacktestEndpoints.Run, typeof(BacktestRequest)),
        new("BacktestTrials", "GET", "backtests/{strategy}/trials", ApiAccess.Read, BacktestEndpoints.Trials),
        new("OpenPaperAccount", "POST", "paper/accounts", ApiAccess.Write, PaperEndpoints.OpenAccount, typeof(PaperAccountRequest)),
        new("ListPaperAccounts", "GET", "paper/accounts", ApiAccess.Read, PaperEndpoints.ListAccounts),
        new("GetPaperAccount", "GET", "paper/accounts/{id}", ApiAccess.Read, PaperEndpoints.GetAccount),
        new("ResetPaperAccount", "POST", "paper/accounts/{id}/reset", ApiAccess.Write, PaperEndpoints.ResetAccount),
        new("KillPaperAccount", "POST", "paper/accounts/{id}/kill", ApiAccess.Write, PaperEndpoints.Kill, typeof(PaperKillRequest)),
        new("EvaluatePaperAccount", "POST", "paper/accounts/{id}/evaluate", ApiAccess.Write, PaperEndpoints.Evaluate),
        new("SubmitPaperOrder", "POST", "paper/accounts/{id}/orders", ApiAccess.Write, PaperEndpoints.SubmitOrder, typeof(PaperOrderBody)),
        new("ListPaperOrders", "GET", "paper/accounts/{id}/orders", ApiAccess.Read, PaperEndpoints.ListOrders),
        new("GetPaperOrder", "GET", "paper/accounts/{id}/orders/{clientOrderId}", ApiAccess.Read, PaperEndpoints.GetOrder),
        new("CancelPaperOrder", "DELETE", "paper/accounts/{id}/orders/{clientOrderId}", ApiAccess.Write, PaperEndpoints.CancelOrder),
        new("TradePaperSetup", "POST", "paper/accounts/{id}/setups", ApiAccess.Write, PaperEndpoints.TradeSetup, typeof(PaperTradeSetupRequest)),
        new("PaperPositions", "GET", "paper/accounts/{id}/positions", ApiAccess.Read, PaperEndpoints.Positions),
        new("PaperFills", "GET", "paper/accounts/{id}/fills", ApiAccess.Read, PaperEndpoints.Fills),
        new("PaperLedger", "GET", "paper/accounts/{id}/ledger", ApiAccess.Read, PaperEndpoints.Ledger),
        new("PaperEquity", "GET", "paper/accounts/{id}/equity", ApiAccess.Read, PaperEndpoints.Equity),
        new("PaperDecisions", "GET", "paper/accounts/{id}/decisions", ApiAccess.Read, PaperEndpoints.Decisions),
        new("ListBrokers", "GET", "brokers", ApiAccess.Read, BrokerEndpoints.List),
        new("SetBrokerCredentials", "PUT", "brokers/{name}/credentials", ApiAccess.Write, BrokerEndpoints.SetCredentials, typeof(BrokerCredentialsBody)),
        new("StartBrokerAuthorization", "GET", "brokers/{name}/authorize", ApiAccess.Write, BrokerEndpoints.StartAuthorization),
        new("CompleteBrokerAuthorization", "POST", "brokers/{name}/authorize", ApiAccess.Write, BrokerEndpoints.CompleteAuthorization, typeof(BrokerAuthorizationBody)),
        new("ReconcileBroker", "POST", "brokers/{name}/reconcile", ApiAccess.Write, BrokerEndpoints.Reconcile),
        new("BrokerOrders", "GET", "brokers/{name}/orders", ApiAccess.Read, BrokerEndpoints.Orders),
        new("BrokerReconciliations", "GET", "brokers/{name}/reconciliations", ApiAccess.Read, BrokerEndpoints.Reconciliations),
        new("ListAutomation", "GET", "automation", ApiAccess.Read, AutomationEndpoints.Rules),
        new("SetAutomation", "PUT", "automation/{account}/{strategy}", ApiAccess.Write, AutomationEndpoints.Set, typeof(AutomationSwitch)),
        new("AutomationDecisions", "GET", "automation/{account}/decisions", ApiAccess.Read, AutomationEndpoints.Decisions),
    ];
}
