using MarketIntel.Api;
using MarketIntel.Functions.Durable;
using MarketIntel.Pipeline.Application;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace MarketIntel.Functions.Http;

/// <summary>Monte Carlo routes over <see cref="RiskEndpoints"/>; runs start as Durable orchestrations.</summary>
public sealed class RiskFunctions(MonteCarloRuns runs, FunctionsPipelineMetrics metrics)
{
    [Function("StartMonteCarlo")]
    public Task StartMonteCarlo(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "risk/montecarlo")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        request.WriteAsync(RiskEndpoints.StartMonteCarlo(request, runs, new DurableOrchestrationStarter(client, metrics), request.HttpContext.RequestAborted));

    [Function("GetMonteCarlo")]
    public Task GetMonteCarlo([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "risk/montecarlo/{id}")] HttpRequest request, string id) =>
        request.WriteAsync(RiskEndpoints.GetMonteCarlo(id, runs, request.HttpContext.RequestAborted));
}
