using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace MarketIntel.Host.Tests;

/// <summary>The backtest routes over the local host's HTTP server: the key, field errors, a run and its trials.</summary>
public sealed class BacktestApiTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string json, string? key = LocalHostFixture.ApiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/backtests") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Add("x-api-key", key);
        }

        var response = await host.Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    [Fact]
    public async Task ABacktest_NeedsTheKey_NamesBadFields_AndCountsEachVariantOnce()
    {
        var today = DateTime.UtcNow.Date;
        var random = new Random(5);
        var price = 50.0;
        var bars = Enumerable.Range(0, 200).Select(d =>
        {
            var open = price;
            price *= 1 + (Math.Sin(d / 15.0) * 0.01) + ((random.NextDouble() - 0.5) * 0.02);
            return new Bar(today.AddDays(d - 200), open, Math.Max(open, price) + 0.1, Math.Min(open, price) - 0.1, price, 1000);
        }).ToList();
        await host.Services.GetRequiredService<IBarStore>().UpsertAsync(new Symbol("BT-AAA"), Timeframe.OneDay, bars, new BarProvenance("test", "1"));
        const string Body = """{"strategy":"sma-cross","symbols":["BT-AAA"],"timeframe":"1d","bars":150,"parameters":{"fast":5,"slow":20}}""";

        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(Body, key: null)).Status);
        var (bad, problem) = await PostAsync("""{"strategy":"sma-cross","symbols":["BT-AAA"],"bars":"many"}""");
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Equal("bars", problem.GetProperty("parameter").GetString());
        Assert.Equal("colour", (await PostAsync("""{"strategy":"sma-cross","symbols":["BT-AAA"],"colour":1}""")).Body.GetProperty("parameter").GetString());

        var (ok, report) = await PostAsync(Body);
        Assert.True(ok == HttpStatusCode.OK, report.ToString());
        Assert.Equal(150, report.GetProperty("metrics").GetProperty("periods").GetInt32() + 1);
        Assert.Equal(bars[^150].OpenTime, report.GetProperty("from").GetDateTime());
        await PostAsync(Body);
        var (_, second) = await PostAsync(Body.Replace("\"fast\":5", "\"fast\":8", StringComparison.Ordinal));
        Assert.Equal(2, second.GetProperty("metrics").GetProperty("trials").GetInt32());

        var trials = await host.Client.GetFromJsonAsync<JsonElement>("/api/backtests/sma-cross/trials");
        Assert.Equal(2, trials.GetArrayLength());
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Client.GetAsync("/api/backtests/nope/trials")).StatusCode);
    }
}
