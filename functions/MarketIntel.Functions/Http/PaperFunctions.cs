using MarketIntel.Api;
using MarketIntel.Pipeline.Automation;
using MarketIntel.Pipeline.Trading;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace MarketIntel.Functions.Http;

/// <summary>The paper-trading routes over <see cref="PaperEndpoints"/>, the same handlers the local host maps.</summary>
public sealed class PaperFunctions(PaperTrading trading, SetupAutomation automation)
{
    private const string Account = "paper/accounts/{id}";

    [Function("OpenPaperAccount")]
    public Task OpenPaperAccount([HttpTrigger(AuthorizationLevel.Function, "post", Route = "paper/accounts")] HttpRequest request) =>
        request.WriteAsync(PaperEndpoints.OpenAccount(request, trading, request.HttpContext.RequestAborted));

    [Function("ListPaperAccounts")]
    public Task ListPaperAccounts([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "paper/accounts")] HttpRequest request) =>
        request.WriteAsync(PaperEndpoints.ListAccounts(trading, request.HttpContext.RequestAborted));

    [Function("GetPaperAccount")]
    public Task GetPaperAccount([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Account)] HttpRequest request, string id) =>
        request.WriteAsync(PaperEndpoints.GetAccount(id, trading, request.HttpContext.RequestAborted));

    [Function("ResetPaperAccount")]
    public Task ResetPaperAccount([HttpTrigger(AuthorizationLevel.Function, "post", Route = Account + "/reset")] HttpRequest request, string id) =>
        request.WriteAsync(PaperEndpoints.ResetAccount(id, trading, request.HttpContext.RequestAborted));

    [Function("KillPaperAccount")]
    public Task KillPaperAccount([HttpTrigger(AuthorizationLevel.Function, "post", Route = Account + "/kill")] HttpRequest request, string id) =>
        request.WriteAsync(PaperEndpoints.Kill(id, request, trading, automation, request.HttpContext.RequestAborted));

    [Function("EvaluatePaperAccount")]
    public Task EvaluatePaperAccount([HttpTrigger(AuthorizationLevel.Function, "post", Route = Account + "/evaluate")] HttpRequest request, string id) =>
        request.WriteAsync(PaperEndpoints.Evaluate(id, trading, request.HttpContext.RequestAborted));

    [Function("SubmitPaperOrder")]
    public Task SubmitPaperOrder([HttpTrigger(AuthorizationLevel.Function, "post", Route = Account + "/orders")] HttpRequest request, string id) =>
        request.WriteAsync(PaperEndpoints.SubmitOrder(id, request, trading, request.HttpContext.RequestAborted));

    [Function("ListPaperOrders")]
    public Task ListPaperOrders([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Account + "/orders")] HttpRequest request, string id) =>
        request.WriteAsync(PaperEndpoints.ListOrders(id, request.Query("status"), trading, request.HttpContext.RequestAborted));

    [Function("GetPaperOrder")]
    public Task GetPaperOrder([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Account + "/orders/{clientOrderId}")] HttpRequest request, string id, string clientOrderId) =>
        request.WriteAsync(PaperEndpoints.GetOrder(id, clientOrderId, trading, request.HttpContext.RequestAborted));

    [Function("CancelPaperOrder")]
    public Task CancelPaperOrder([HttpTrigger(AuthorizationLevel.Function, "delete", Route = Account + "/orders/{clientOrderId}")] HttpRequest request, string id, string clientOrderId) =>
        request.WriteAsync(PaperEndpoints.CancelOrder(id, clientOrderId, trading, request.HttpContext.RequestAborted));

    [Function("TradePaperSetup")]
    public Task TradePaperSetup([HttpTrigger(AuthorizationLevel.Function, "post", Route = Account + "/setups")] HttpRequest request, string id) =>
        request.WriteAsync(PaperEndpoints.TradeSetup(id, request, trading, request.HttpContext.RequestAborted));

    [Function("PaperPositions")]
    public Task PaperPositions([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Account + "/positions")] HttpRequest request, string id) =>
        request.WriteAsync(PaperEndpoints.Positions(id, trading, request.HttpContext.RequestAborted));

    [Function("PaperFills")]
    public Task PaperFills([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Account + "/fills")] HttpRequest request, string id) =>
        request.WriteAsync(PaperEndpoints.Fills(id, trading, request.HttpContext.RequestAborted));

    [Function("PaperLedger")]
    public Task PaperLedger([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Account + "/ledger")] HttpRequest request, string id) =>
        request.WriteAsync(PaperEndpoints.Ledger(id, trading, request.HttpContext.RequestAborted));

    [Function("PaperEquity")]
    public Task PaperEquity([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Account + "/equity")] HttpRequest request, string id) =>
        request.WriteAsync(PaperEndpoints.Equity(id, trading, request.HttpContext.RequestAborted));

    [Function("PaperDecisions")]
    public Task PaperDecisions([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Account + "/decisions")] HttpRequest request, string id) =>
        request.WriteAsync(PaperEndpoints.Decisions(id, trading, request.HttpContext.RequestAborted));
}
