using MarketIntel.Api;
using MarketIntel.Pipeline.Brokerage;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace MarketIntel.Functions.Http;

/// <summary>The broker routes over <see cref="BrokerEndpoints"/>, the same handlers the local host maps.</summary>
public sealed class BrokerFunctions(BrokerOperations brokers)
{
    private const string Connection = "brokers/{name}";

    [Function("ListBrokers")]
    public Task ListBrokers([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "brokers")] HttpRequest request) =>
        request.WriteAsync(BrokerEndpoints.List(brokers, request.HttpContext.RequestAborted));

    [Function("SetBrokerCredentials")]
    public Task SetBrokerCredentials([HttpTrigger(AuthorizationLevel.Function, "put", Route = Connection + "/credentials")] HttpRequest request, string name) =>
        request.WriteAsync(BrokerEndpoints.SetCredentials(name, request, brokers, request.HttpContext.RequestAborted));

    [Function("StartBrokerAuthorization")]
    public Task StartBrokerAuthorization([HttpTrigger(AuthorizationLevel.Function, "get", Route = Connection + "/authorize")] HttpRequest request, string name) =>
        request.WriteAsync(BrokerEndpoints.StartAuthorization(name, brokers, request.HttpContext.RequestAborted));

    [Function("CompleteBrokerAuthorization")]
    public Task CompleteBrokerAuthorization([HttpTrigger(AuthorizationLevel.Function, "post", Route = Connection + "/authorize")] HttpRequest request, string name) =>
        request.WriteAsync(BrokerEndpoints.CompleteAuthorization(name, request, brokers, request.HttpContext.RequestAborted));

    [Function("ReconcileBroker")]
    public Task ReconcileBroker([HttpTrigger(AuthorizationLevel.Function, "post", Route = Connection + "/reconcile")] HttpRequest request, string name) =>
        request.WriteAsync(BrokerEndpoints.Reconcile(name, brokers, request.HttpContext.RequestAborted));

    [Function("BrokerOrders")]
    public Task BrokerOrders([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Connection + "/orders")] HttpRequest request, string name) =>
        request.WriteAsync(BrokerEndpoints.Orders(name, brokers, request.HttpContext.RequestAborted));

    [Function("BrokerReconciliations")]
    public Task BrokerReconciliations([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Connection + "/reconciliations")] HttpRequest request, string name) =>
        request.WriteAsync(BrokerEndpoints.Reconciliations(name, request.Query("limit"), brokers, request.HttpContext.RequestAborted));
}
