using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace MarketIntel.Dashboard.Tests;

/// <summary>
/// The Performance view's Backtest panel against the real local host on embedded storage: backtests of a built-in
/// strategy over the demo watchlist's stored bars, run through the page. What the page shows is compared with the API's
/// own answer to the page's request, and the trial count with the trials the API lists afterwards.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class PerformanceViewTests(DashboardFixture fixture)
{
    private const string Strategy = "ema-cross";

    [Fact]
    public async Task BacktestPanel_ShowsTheApisDeflatedSharpeAndTrials_ASecondVariantIsASecondTrial_ARepeatIsNot_ABadParameterNamesItsField()
    {
        var before = (await TrialsAsync()).Count;
        var watchlist = await fixture.Client.GetFromJsonAsync<JsonElement>($"/api/watchlists/{DashboardFixture.Watchlist}");
        var page = await fixture.NewPageAsync(withKey: true);
        var errors = PageChecks.CollectErrors(page);
        await page.GotoAsync("/#/performance");
        await page.Locator("#bt-strategy").SelectOptionAsync(Strategy);

        // The defaults: the catalog's parameters and every symbol of the current watchlist.
        Assert.Equal("12", await page.Locator("#bt-param-fast").InputValueAsync());
        Assert.Equal("26", await page.Locator("#bt-param-slow").InputValueAsync());
        var (sent, first) = await RunAsync(page);
        Assert.Equal(watchlist.GetProperty("symbols").EnumerateArray().Select(s => s.GetString()), sent.GetProperty("symbols").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal((12.0, 26.0), (sent.GetProperty("parameters").GetProperty("fast").GetDouble(), sent.GetProperty("parameters").GetProperty("slow").GetDouble()));
        await AssertShownAsync(page, first, before + 1);
        Assert.Contains($"{before + 1} unskilled variant", await page.Locator("#bt-deflated").GetAttributeAsync("title"), StringComparison.Ordinal);

        // A second variant is a second trial; its deflated Sharpe is measured against the best of two lucky variants, so
        // it is below its probabilistic Sharpe (the bar for one trial, zero).
        await page.Locator("#bt-param-fast").FillAsync("5");
        var (_, second) = await RunAsync(page);
        Assert.NotEqual(first.GetProperty("variant").GetString(), second.GetProperty("variant").GetString());
        await AssertShownAsync(page, second, before + 2);
        var metrics = second.GetProperty("metrics");
        Assert.True(metrics.GetProperty("deflatedSharpe").GetDouble() < metrics.GetProperty("probabilisticSharpe").GetDouble(), metrics.ToString());
        await PageChecks.ScreenshotAsync(fixture, page, "performance-backtest");

        // Running the first variant again is no new trial.
        await page.Locator("#bt-param-fast").FillAsync("12");
        var (_, again) = await RunAsync(page);
        Assert.Equal(first.GetProperty("variant").GetString(), again.GetProperty("variant").GetString());
        await AssertShownAsync(page, again, before + 2);

        // A parameter that gives no valid rule: the API's 400, whose ProblemDetails field the page shows and marks.
        await page.Locator("#bt-param-fast").FillAsync("0");
        await page.Locator("#bt-run").ClickAsync();
        var problem = page.Locator("#backtest-result [data-state='error']");
        await problem.WaitForAsync();
        Assert.Equal("parameters", await problem.GetAttributeAsync("data-field"));
        Assert.Contains("(field: parameters)", await problem.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("true", await page.Locator("#bt-parameters").GetAttributeAsync("aria-invalid"));
        Assert.Equal(before + 2, (await TrialsAsync()).Count);
        Assert.Empty(errors);
        await page.Context.CloseAsync();
    }

    /// <summary>Presses Run and returns the request body the page sent and the API's answer to it.</summary>
    private static async Task<(JsonElement Sent, JsonElement Report)> RunAsync(IPage page)
    {
        var response = await page.RunAndWaitForResponseAsync(
            () => page.Locator("#bt-run").ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.EndsWith("/api/backtests", StringComparison.Ordinal));
        Assert.Equal(200, response.Status);
        var report = JsonSerializer.Deserialize<JsonElement>(await response.TextAsync());
        await page.Locator($"#backtest-report[data-variant='{report.GetProperty("variant").GetString()}']").WaitForAsync();
        return (JsonSerializer.Deserialize<JsonElement>(response.Request.PostData!), report);
    }

    /// <summary>The page shows the API's deflated Sharpe and trial count, the API lists that many trials, and the table shows them all.</summary>
    private async Task AssertShownAsync(IPage page, JsonElement report, int trials)
    {
        var metrics = report.GetProperty("metrics");
        Assert.Equal(trials, metrics.GetProperty("trials").GetInt32());
        Assert.Equal(trials, (await TrialsAsync()).Count);
        Assert.Equal(trials.ToString(CultureInfo.InvariantCulture), await page.Locator("#bt-trials-count").InnerTextAsync());
        Assert.Equal(metrics.GetProperty("deflatedSharpe").GetDouble().ToString("N3", CultureInfo.InvariantCulture), await page.Locator("#bt-deflated .value").InnerTextAsync());
        Assert.Equal(trials, await page.Locator("#backtest-trials tbody tr").CountAsync());
        await page.Locator($"#backtest-trials tbody tr.current[data-variant='{report.GetProperty("variant").GetString()}']").WaitForAsync();
    }

    private async Task<List<JsonElement>> TrialsAsync() =>
        [.. (await fixture.Client.GetFromJsonAsync<JsonElement>($"/api/backtests/{Strategy}/trials")).EnumerateArray()];
}
