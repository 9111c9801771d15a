using System.Net;
using System.Net.Http.Json;
using System.Text;
using MarketIntel.Api;
using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace MarketIntel.Host.Tests;

/// <summary>
/// <c>GET /api/bars</c> served from the response cache: what it serves always equals a brute-force selection of the
/// stored bars, a write is visible on the very next read (stored and resampled timeframes, the forming bar included),
/// and ETags answer 304 until the content changes.
/// </summary>
public sealed class BarsCachingTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private static readonly DateTime T0 = new(2024, 3, 9, 23, 0, 0, DateTimeKind.Utc);

    private HttpClient Client => host.Client;

    private IBarStore Store => host.Services.GetRequiredService<IBarStore>();

    private async Task WatchAsync(string symbol)
    {
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/watchlists/cache-{symbol}") { Content = new StringContent($$"""{"symbols":["{{symbol}}"]}""", Encoding.UTF8, "application/json") };
        put.Headers.Add("x-api-key", LocalHostFixture.ApiKey);
        Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync(put)).StatusCode);
    }

    private Task WriteAsync(string symbol, params Bar[] bars) => Store.UpsertAsync(new Symbol(symbol), Timeframe.OneMinute, bars, new BarProvenance("test", "1"));

    private static Bar Minute(DateTime time, double close, decimal volume = 1m) => new(time, close, close + 1, close - 1, close, volume, 1);

    private async Task<(BarsResponse Body, string ETag)> GetAsync(string url)
    {
        var response = await Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl is { Private: true, NoCache: true }, "clients revalidate every time; shared caches keep nothing");
        return ((await response.Content.ReadFromJsonAsync<BarsResponse>())!, response.Headers.ETag!.ToString());
    }

    private static string Iso(DateTime t) => t.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task AnyWindow_ServesExactlyTheStoredBarsThatOpenInIt_OnMissAndOnHit()
    {
        const string symbol = "LAW-USD";
        await WatchAsync(symbol);

        // A minute series with gaps, so that windows begin and end in holes as well as on bars.
        var random = new Random(17);
        var stored = Enumerable.Range(0, 120).Where(_ => random.NextDouble() < 0.8).Select(i => Minute(T0.AddMinutes(i), 100 + random.Next(50), random.Next(1, 9))).ToArray();
        await WriteAsync(symbol, stored);

        for (var trial = 0; trial < 40; trial++)
        {
            var from = T0.AddSeconds(random.Next(-600, 7800));
            var to = from.AddSeconds(random.Next(1, 3000));
            var timeframe = trial % 2 == 0 ? "1m" : "5m";
            var url = $"/api/bars/{symbol}?timeframe={timeframe}&from={Iso(from)}&to={Iso(to)}&limit=1000";
            var expected = timeframe == "1m" ? stored.Where(b => b.OpenTime >= from && b.OpenTime < to).ToList() : FiveMinuteBars(stored, from, to);
            foreach (var attempt in new[] { "miss", "hit" })
            {
                var (body, _) = await GetAsync(url);
                Assert.True(expected.Select(Dto).SequenceEqual(body.Bars), $"{attempt} {url}: {body.Bars.Count} bars, expected {expected.Count}");
                Assert.True(body.From >= from && body.To >= to, $"the aligned window [{body.From:O}, {body.To:O}) starts and ends at or after the requested one");
            }
        }
    }

    [Fact]
    public async Task AWrite_IsVisibleOnTheNextRead_WithANewETag_AndTheOldETagNoLongerMatches()
    {
        const string symbol = "WRT-USD";
        await WatchAsync(symbol);
        await WriteAsync(symbol, Minute(T0, 100), Minute(T0.AddMinutes(1), 101));
        var url = $"/api/bars/{symbol}?from={Iso(T0)}&to={Iso(T0.AddMinutes(10))}";

        var (first, etag) = await GetAsync(url);
        Assert.Equal([100d, 101d], first.Bars.Select(b => b.Close));
        var notModified = await ConditionalGetAsync(url, etag);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(etag, notModified.Headers.ETag!.ToString());
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        // The still-forming minute is revised, and a new one opens.
        await WriteAsync(symbol, Minute(T0.AddMinutes(1), 105), Minute(T0.AddMinutes(2), 106));
        var (second, newTag) = await GetAsync(url);
        Assert.Equal([100d, 105d, 106d], second.Bars.Select(b => b.Close));
        Assert.NotEqual(etag, newTag);
        Assert.Equal(HttpStatusCode.OK, (await ConditionalGetAsync(url, etag)).StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, (await ConditionalGetAsync(url, $"\"other\", {newTag}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, (await ConditionalGetAsync(url, "*")).StatusCode);
    }

    [Fact]
    public async Task AResampledTimeframe_ShowsTheFormingBarsLatestMinute_OnTheNextRead()
    {
        const string symbol = "RSM-USD";
        await WatchAsync(symbol);
        await WriteAsync(symbol, Minute(T0, 100), Minute(T0.AddMinutes(1), 102));
        var url = $"/api/bars/{symbol}?timeframe=5m&from={Iso(T0)}&to={Iso(T0.AddMinutes(3))}";
        var (before, _) = await GetAsync(url);
        Assert.Equal((100d, 102d, 2m), (before.Bars.Single().Open, before.Bars.Single().Close, before.Bars.Single().Volume));

        await WriteAsync(symbol, Minute(T0.AddMinutes(2), 110));
        var (after, _) = await GetAsync(url);
        Assert.Equal((100d, 110d, 111d, 3m), (after.Bars.Single().Open, after.Bars.Single().Close, after.Bars.Single().High, after.Bars.Single().Volume));
    }

    [Fact]
    public async Task TheDefaultWindowFollowingTheClock_ShowsARevisedCurrentMinute()
    {
        const string symbol = "NOW-USD";
        await WatchAsync(symbol);
        var minute = Timeframe.OneMinute.BucketStart(DateTime.UtcNow);
        await WriteAsync(symbol, Minute(minute, 100));
        var url = $"/api/bars/{symbol}?limit=10";
        Assert.Equal(100d, (await GetAsync(url)).Body.Bars.Single(b => b.Time == minute).Close);
        Assert.Equal(100d, (await GetAsync(url)).Body.Bars.Single(b => b.Time == minute).Close);

        await WriteAsync(symbol, Minute(minute, 120));
        Assert.Equal(120d, (await GetAsync(url)).Body.Bars.Single(b => b.Time == minute).Close);
    }

    [Fact]
    public async Task ASymbolRemovedFromEveryWatchlist_Is404_EvenWhenItsBarsAreCached()
    {
        const string symbol = "DEL-USD";
        await WatchAsync(symbol);
        await WriteAsync(symbol, Minute(T0, 100));
        var url = $"/api/bars/{symbol}?from={Iso(T0)}&to={Iso(T0.AddMinutes(5))}";
        await GetAsync(url);

        using var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/watchlists/cache-{symbol}");
        delete.Headers.Add("x-api-key", LocalHostFixture.ApiKey);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.SendAsync(delete)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync(url)).StatusCode);
    }

    private async Task<HttpResponseMessage> ConditionalGetAsync(string url, string ifNoneMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        return await Client.SendAsync(request);
    }

    private static BarDto Dto(Bar b) => new(b.OpenTime, b.Open, b.High, b.Low, b.Close, b.Volume, b.Trades);

    /// <summary>Five-minute bars by brute force: buckets that open in [from, to), from the minutes before <paramref name="to"/>.</summary>
    private static List<Bar> FiveMinuteBars(Bar[] minutes, DateTime from, DateTime to) =>
        [.. minutes.Where(b => b.OpenTime < to)
            .GroupBy(b => new DateTime(b.OpenTime.Ticks - (b.OpenTime.Ticks % (5 * TimeSpan.TicksPerMinute)), DateTimeKind.Utc))
            .Where(g => g.Key >= from && g.Key < to)
            .OrderBy(g => g.Key)
            .Select(g => new Bar(g.Key, g.First().Open, g.Max(b => b.High), g.Min(b => b.Low), g.Last().Close, g.Sum(b => b.Volume), g.Sum(b => b.Trades)))];
}
