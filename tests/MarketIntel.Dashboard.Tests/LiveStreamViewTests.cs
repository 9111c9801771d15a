using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace MarketIntel.Dashboard.Tests;

/// <summary>
/// The Chart and Watchlists views follow <c>GET /api/stream</c>: a bar written to the host's store shows on the page
/// without a reload or a poll (the page reports it is on the stream, and the polling interval is far longer than the wait).
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class LiveStreamViewTests(DashboardFixture fixture)
{
    /// <summary>
    /// A bar for the minute after the current one, so the host's own ingestion (which writes minutes up to now) does not
    /// replace it before the page shows it; its next run writes the real bar for that minute.
    /// </summary>
    private async Task<(DateTime Time, double Close)> WriteNextMinuteAsync(string symbol, double factor)
    {
        var bars = await fixture.Client.GetFromJsonAsync<JsonElement>($"/api/bars/{symbol}?timeframe=1m&limit=5");
        var previous = bars.GetProperty("bars").EnumerateArray().Last().GetProperty("close").GetDouble();
        var close = Math.Round(previous * factor, 2);
        var time = Timeframe.OneMinute.BucketStart(DateTime.UtcNow).AddMinutes(1);
        await fixture.Services.GetRequiredService<IBarStore>().UpsertAsync(new Symbol(symbol), Timeframe.OneMinute,
            [new Bar(time, previous, Math.Max(previous, close), Math.Min(previous, close), close, 1.5m, 2)], new BarProvenance("dashboard-tests", "live"));
        return (time, close);
    }

    [Fact]
    public async Task ABarWrittenToTheStore_ShowsOnTheChartAndInTheWatchlist_FromTheStream()
    {
        var page = await fixture.NewPageAsync();
        var errors = PageChecks.CollectErrors(page);
        await page.GotoAsync("/#/chart/BTC-USD?tf=1m");
        var chart = page.Locator(".chart[data-symbol='BTC-USD'][data-timeframe='1m'][data-live='stream']");
        await chart.WaitForAsync();
        var barsBefore = int.Parse(await chart.GetAttributeAsync("data-bars") ?? "0", CultureInfo.InvariantCulture);

        var (time, close) = await WriteNextMinuteAsync("BTC-USD", 1.002);
        var iso = time.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        await page.Locator($".chart[data-symbol='BTC-USD'][data-last-bar='{iso}'][data-last-close='{close.ToString(CultureInfo.InvariantCulture)}']").WaitForAsync();
        Assert.True(int.Parse(await chart.GetAttributeAsync("data-bars") ?? "0", CultureInfo.InvariantCulture) > barsBefore, "the new minute is a new candle");
        Assert.Contains("live", await page.Locator("#chart-status").InnerTextAsync(), StringComparison.Ordinal);

        await page.GotoAsync($"/#/watchlists/{DashboardFixture.Watchlist}");
        await page.Locator("[data-live='stream'] tr[data-symbol='ETH-USD']").WaitForAsync();
        var (_, ethClose) = await WriteNextMinuteAsync("ETH-USD", 0.997);
        var shown = ethClose.ToString("#,##0.00", CultureInfo.InvariantCulture);
        await page.Locator($"[data-last='ETH-USD']:text-is('{shown}')").WaitForAsync();

        Assert.Empty(errors);
        await page.Context.CloseAsync();
    }
}
