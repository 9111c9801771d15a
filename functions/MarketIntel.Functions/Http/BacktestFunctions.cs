using MarketIntel.Api;
using MarketIntel.Pipeline.Backtesting;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace MarketIntel.Functions.Http;

/// <summary>The backtest routes over <see cref="BacktestEndpoints"/>, the same handlers the local host maps.</summary>
public sealed class BacktestFunctions(BacktestRuns backtests)
{
    [Function("RunBacktest")]
    public Task RunBacktest([HttpTrigger(AuthorizationLevel.Function, "post", Route = "backtests")] HttpRequest request) =>
        request.WriteAsync(BacktestEndpoints.Run(request, backtests, request.HttpContext.RequestAborted));

    [Function("BacktestTrials")]
    public Task BacktestTrials([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "backtests/{strategy}/trials")] HttpRequest request, string strategy) =>
        request.WriteAsync(BacktestEndpoints.Trials(strategy, backtests, request.HttpContext.RequestAborted));
}
