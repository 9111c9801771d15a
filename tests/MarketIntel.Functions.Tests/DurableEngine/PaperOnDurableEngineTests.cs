using System.Text.Json;
using MarketIntel.Functions.Http;
using MarketIntel.Pipeline.Workflows;
using Microsoft.DurableTask.Client;

namespace MarketIntel.Functions.Tests.DurableEngine;

/// <summary>
/// Paper trading through the Functions app: orders placed over its HTTP functions are filled by the ingest
/// orchestration's <c>EvaluatePaperOrders</c> activity on the real engine, once per bar however often ingest runs.
/// </summary>
[Trait("Category", "DurableEngine")]
public sealed class PaperOnDurableEngineTests : IAsyncLifetime
{
    private static readonly string[] Watchlist = ["BTC-USD", "ETH-USD"];
    private static readonly DateTime First = new(2026, 11, 20, 15, 0, 0, DateTimeKind.Utc);
    private AppOnDurableEngine _host = null!;

    public async Task InitializeAsync() => _host = await AppOnDurableEngine.StartAsync(First);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<(int Status, JsonElement Body)> CallAsync(Func<PaperFunctions, Microsoft.AspNetCore.Http.HttpRequest, Task> call, string method, string? body = null, string? query = null)
    {
        var context = _host.App.Request(method, body, query);
        await call(_host.App.Create<PaperFunctions>(), context.Request);
        return (context.Response.StatusCode, FunctionsTestHost.Json(context));
    }

    private async Task<IngestRunSummary> IngestAsync(string id, DateTime until)
    {
        _host.App.Clock.SetUtcNow(until);
        var run = await _host.RunAsync(IngestOrchestration.Name, id, new IngestRunRequest(id, "simulator", Watchlist, "1m", until, 2));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, run.RuntimeStatus);
        return MarketIntel.Functions.Durable.PipelinePayload.Read<IngestRunSummary>(run.ReadOutputAs<JsonElement>());
    }

    [Fact]
    public async Task AMarketOrder_IsFilledByTheNextIngest_AtTheNextBarsOpen_AndNeverTwice()
    {
        await IngestAsync("ingest-1", First);
        var (opened, _) = await CallAsync((f, r) => f.OpenPaperAccount(r), "POST", """{"id":"fx","settings":{"name":"Engine","startingCash":1000000,"fractional":true}}""");
        Assert.Equal(201, opened);

        var (submitted, order) = await CallAsync((f, r) => f.SubmitPaperOrder(r, "fx"), "POST", """{"clientOrderId":"m1","symbol":"ETH-USD","side":"buy","type":"market","quantity":2.5}""");
        Assert.Equal(201, submitted);
        Assert.Equal("accepted", order.GetProperty("order").GetProperty("status").GetString());
        Assert.True(order.GetProperty("decision").GetProperty("accepted").GetBoolean());

        var summary = await IngestAsync("ingest-2", First.AddMinutes(10));
        Assert.Equal(1, summary.PaperFills);
        Assert.Single(_host.Calls, c => c.Name == ActivityNames.EvaluatePaperOrders && c.Input.Contains("ingest-2", StringComparison.Ordinal));

        // The fill is at the open of the first bar that opened after the order (the order came at First, so that bar).
        var bars = await MarketIntel.Pipeline.ReadModels.BarHistory.ReadRangeAsync(_host.App.Bars, new MarketIntel.Core.Market.Symbol("ETH-USD"), MarketIntel.Core.Market.Timeframe.OneMinute, First, First.AddMinutes(1));
        var (_, fills) = await CallAsync((f, r) => f.PaperFills(r, "fx"), "GET");
        var fill = Assert.Single(fills.EnumerateArray());
        Assert.Equal(bars[0].Open, fill.GetProperty("price").GetDouble());
        Assert.Equal(2.5, fill.GetProperty("quantity").GetDouble());

        // More ingests (one with nothing new): the filled order is not evaluated again, no second fill.
        Assert.Equal(0, (await IngestAsync("ingest-3", First.AddMinutes(12))).PaperFills);
        Assert.Equal(0, (await IngestAsync("ingest-4", First.AddMinutes(12))).PaperFills);
        var (_, account) = await CallAsync((f, r) => f.GetPaperAccount(r, "fx"), "GET");
        Assert.Equal(1_000_000 - (2.5 * bars[0].Open), account.GetProperty("cash").GetDouble(), 6);
        var (_, positions) = await CallAsync((f, r) => f.PaperPositions(r, "fx"), "GET");
        Assert.Equal(2.5, Assert.Single(positions.EnumerateArray()).GetProperty("quantity").GetDouble());
    }

    [Fact]
    public async Task BadPaperRequests_Are4xxProblemsNamingTheField_OnTheFunctionsApp()
    {
        await IngestAsync("ingest-1", First);
        Assert.Equal((400, "settings.limits.maxPositon"), Problem(await CallAsync((f, r) => f.OpenPaperAccount(r), "POST", """{"id":"a","settings":{"limits":{"maxPositon":5}}}""")));
        Assert.Equal((400, "startingCash"), Problem(await CallAsync((f, r) => f.OpenPaperAccount(r), "POST", """{"id":"a","settings":{"startingCash":-1}}""")));
        Assert.Equal((404, "id"), Problem(await CallAsync((f, r) => f.GetPaperAccount(r, "nobody"), "GET")));
        await CallAsync((f, r) => f.OpenPaperAccount(r), "POST", """{"id":"a","settings":{}}""");
        Assert.Equal((400, "side"), Problem(await CallAsync((f, r) => f.SubmitPaperOrder(r, "a"), "POST", """{"clientOrderId":"x","symbol":"ETH-USD","side":"long","type":"market","quantity":1}""")));
        Assert.Equal((400, "level"), Problem(await CallAsync((f, r) => f.KillPaperAccount(r, "a"), "POST", """{"level":"off"}""")));
        Assert.Equal((404, "clientOrderId"), Problem(await CallAsync((f, r) => f.CancelPaperOrder(r, "a", "none"), "DELETE")));
        Assert.Equal((400, "status"), Problem(await CallAsync((f, r) => f.ListPaperOrders(r, "a"), "GET", query: "?status=closed")));
    }

    private static (int, string?) Problem((int Status, JsonElement Body) r) => (r.Status, r.Body.GetProperty("parameter").GetString());
}
