using MarketIntel.Api;
using MarketIntel.Functions.Durable;
using MarketIntel.Pipeline.Application;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace MarketIntel.Functions.Http;

/// <summary>Strategy, scan, setup and outcome routes over <see cref="ScanEndpoints"/>; scans start as Durable orchestrations.</summary>
public sealed class ScanFunctions(ScanRuns scans, FunctionsPipelineMetrics metrics)
{
    [Function("Strategies")]
    public Task Strategies([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "strategies")] HttpRequest request) =>
        request.WriteAsync(ScanEndpoints.Strategies());

    [Function("StartScan")]
    public Task StartScan([HttpTrigger(AuthorizationLevel.Function, "post", Route = "scans")] HttpRequest request, [DurableClient] DurableTaskClient client)
    {
        return request.WriteAsync(ScanEndpoints.StartScan(request, scans, new DurableOrchestrationStarter(client, metrics), request.HttpContext.RequestAborted));
    }

    [Function("ListScans")]
    public Task ListScans([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "scans")] HttpRequest request) =>
        request.WriteAsync(ScanEndpoints.ListScans(request.Query("limit"), scans, request.HttpContext.RequestAborted));

    [Function("GetScan")]
    public Task GetScan([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "scans/{id}")] HttpRequest request, string id) =>
        request.WriteAsync(ScanEndpoints.GetScan(id, scans, request.HttpContext.RequestAborted));

    [Function("Setups")]
    public Task Setups([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "setups")] HttpRequest request) =>
        request.WriteAsync(ScanEndpoints.Setups(request.Query("scan"), request.Query("limit"), scans, request.HttpContext.RequestAborted));

    [Function("GetOutcomes")]
    public Task Outcomes([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "outcomes")] HttpRequest request) =>
        request.WriteAsync(ScanEndpoints.Outcomes(request.Query("scan"), scans, request.HttpContext.RequestAborted));
}
