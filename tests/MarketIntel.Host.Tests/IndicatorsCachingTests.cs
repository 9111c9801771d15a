using System.Net;
using System.Net.Http.Json;
using System.Text;
using MarketIntel.Api;
using MarketIntel.Core.Indicators;
using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace MarketIntel.Host.Tests;

/// <summary>
/// <c>GET /api/indicators/{symbol}</c> served from the response cache: the same answer as the catalog's evaluation of the
/// stored bars, a bar write visible on the very next read (a new value, a new ETag), and 304 while nothing changed.
/// </summary>
public sealed class IndicatorsCachingTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private static readonly DateTime T0 = new(2024, 5, 6, 10, 0, 0, DateTimeKind.Utc);

    private async Task WatchAsync(string symbol)
    {
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/watchlists/ind-{symbol}") { Content = new StringContent($$"""{"symbols":["{{symbol}}"]}""", Encoding.UTF8, "application/json") };
        put.Headers.Add("x-api-key", LocalHostFixture.ApiKey);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(put)).StatusCode);
    }

    private Task WriteAsync(string symbol, params Bar[] bars) =>
        host.Services.GetRequiredService<IBarStore>().UpsertAsync(new Symbol(symbol), Timeframe.OneMinute, bars, new BarProvenance("test", "1"));

    private static Bar Minute(int i, double close) => new(T0.AddMinutes(i), close, close + 1, close - 1, close, 10m, 1);

    private static double?[] Reference(IReadOnlyList<Bar> bars)
    {
        var output = IndicatorCatalog.Parse("sma_5").Evaluate(BarSeries.From(bars));
        var values = new double?[bars.Count];
        var column = output.Columns[0];
        for (var row = 0; row < column.Count; row++)
        {
            values[output.BarIndex(row)] = double.IsFinite(column.Values[row]) ? column.Values[row] : null;
        }

        return values;
    }

    [Fact]
    public async Task AWrite_IsVisibleOnTheNextRead_AndAnUnchangedAnswerIsA304()
    {
        const string symbol = "IND-USD";
        await WatchAsync(symbol);
        var bars = Enumerable.Range(0, 30).Select(i => Minute(i, 100 + (i % 7))).ToList();
        await WriteAsync(symbol, [.. bars]);
        var url = $"/api/indicators/{symbol}?spec=sma_5&limit=30&to={T0.AddMinutes(40):yyyy-MM-ddTHH:mm:ssZ}";

        var first = await host.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var body = (await first.Content.ReadFromJsonAsync<IndicatorsResponse>())!;
        Assert.Equal(Reference(bars), body.Indicators[0].Columns[0].Values);
        var etag = first.Headers.ETag!;

        using var revalidate = new HttpRequestMessage(HttpMethod.Get, url);
        revalidate.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await host.Client.SendAsync(revalidate)).StatusCode);

        // The last bar is corrected and one more is written: the next read shows both, under a new ETag.
        bars[^1] = Minute(29, 150);
        bars.Add(Minute(30, 151));
        await WriteAsync(symbol, bars[^2], bars[^1]);
        var second = await host.Client.GetAsync(url);
        var changed = (await second.Content.ReadFromJsonAsync<IndicatorsResponse>())!;
        Assert.NotEqual(etag, second.Headers.ETag);
        Assert.Equal(Reference(bars)[^30..], changed.Indicators[0].Columns[0].Values);
        Assert.Equal(bars[^1].OpenTime, changed.Times[^1]);
    }
}
