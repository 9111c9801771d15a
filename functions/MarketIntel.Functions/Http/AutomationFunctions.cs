using MarketIntel.Api;
using MarketIntel.Pipeline.Automation;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace MarketIntel.Functions.Http;

/// <summary>The automation routes over <see cref="AutomationEndpoints"/>, the same handlers the local host maps.</summary>
public sealed class AutomationFunctions(SetupAutomation automation, TimeProvider time)
{
    [Function("ListAutomation")]
    public Task ListAutomation([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "automation")] HttpRequest request) =>
        request.WriteAsync(AutomationEndpoints.Rules(automation, request.HttpContext.RequestAborted));

    [Function("SetAutomation")]
    public Task SetAutomation([HttpTrigger(AuthorizationLevel.Function, "put", Route = "automation/{account}/{strategy}")] HttpRequest request, string account, string strategy) =>
        request.WriteAsync(AutomationEndpoints.Set(account, strategy, request, automation, request.HttpContext.RequestAborted));

    [Function("AutomationDecisions")]
    public Task AutomationDecisions([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "automation/{account}/decisions")] HttpRequest request, string account) =>
        request.WriteAsync(AutomationEndpoints.Decisions(account, request.Query("day"), automation, time, request.HttpContext.RequestAborted));
}
