using System.Text.Json;
using MarketIntel.Functions.Http;
using MarketIntel.Pipeline.Workflows;
using Microsoft.DurableTask.Client;

namespace MarketIntel.Functions.Tests.DurableEngine;

/// <summary>The HTTP functions that start runs, with the real engine's client as their <c>[DurableClient]</c>.</summary>
[Trait("Category", "DurableEngine")]
public sealed class HttpStartsOnDurableEngineTests : IAsyncLifetime
{
    private AppOnDurableEngine _host = null!;

    public async Task InitializeAsync() => _host = await AppOnDurableEngine.StartAsync(new DateTimeOffset(2026, 11, 21, 5, 0, 0, TimeSpan.Zero));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task StartMonteCarlo_Answers202_RunsOnceUnderTheRequestsId_AndTheStatusRouteReportsTheResult()
    {
        var risk = _host.App.Create<RiskFunctions>();
        const string Body = """{"model":"gbm","mu":0.0005,"sigma":0.02,"horizon":20,"paths":1000,"batches":4,"seed":1}""";
        var first = _host.App.Request("POST", Body);
        await risk.StartMonteCarlo(first.Request, _host.Client);
        var again = _host.App.Request("POST", Body);
        await risk.StartMonteCarlo(again.Request, _host.Client);

        Assert.Equal((202, 202), (first.Response.StatusCode, again.Response.StatusCode));
        var id = FunctionsTestHost.Json(first).GetProperty("id").GetString()!;
        Assert.Equal(id, FunctionsTestHost.Json(again).GetProperty("id").GetString());
        Assert.Equal($"/api/risk/montecarlo/{id}", first.Response.Headers.Location.ToString());
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var instance = await _host.Client.WaitForInstanceCompletionAsync(id, true, cts.Token);
        Assert.Equal((MonteCarloOrchestration.Name, OrchestrationRuntimeStatus.Completed), (instance.Name, instance.RuntimeStatus));
        Assert.Equal(4, _host.Calls.Count(c => c.Name == ActivityNames.SimulateMonteCarloBatch));

        var status = _host.App.Request("GET");
        await risk.GetMonteCarlo(status.Request, id);
        var json = FunctionsTestHost.Json(status);
        Assert.Equal("completed", json.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Object, json.GetProperty("report").ValueKind);
    }

    [Fact]
    public async Task AMalformedMonteCarloBody_Is400_AndStartsNothing()
    {
        var context = _host.App.Request("POST", """{"model":"gbm","mu":"x"}""");
        await _host.App.Create<RiskFunctions>().StartMonteCarlo(context.Request, _host.Client);
        Assert.Equal(400, context.Response.StatusCode);
        var page = await _host.Client.GetAllInstancesAsync().AsPages().FirstAsync();
        Assert.Empty(page.Values);
    }
}
