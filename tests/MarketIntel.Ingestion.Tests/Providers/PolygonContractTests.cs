using System.Net;
using MarketIntel.Core.Market;
using MarketIntel.Ingestion.Providers;
using MarketIntel.Ingestion.Providers.Polygon;

namespace MarketIntel.Ingestion.Tests.Providers;

public sealed class PolygonContractTests : IDisposable
{
    private static readonly DateTime Session = new(2024, 3, 4, 14, 30, 0, DateTimeKind.Utc);
    private readonly ProviderTestKit _kit = new(ProviderNames.Polygon);

    public void Dispose() => _kit.Dispose();

    [Fact]
    public async Task Aggregates_FollowNextUrl_AndTheKeyNeverReachesTheArchive()
    {
        _kit.Stub.Respond(HttpStatusCode.OK, "polygon/aggs-page1.json").Respond(HttpStatusCode.OK, "polygon/aggs-page2.json");
        var provider = new PolygonBarProvider(_kit.Client, "KEY123");
        var request = new BarPageRequest(provider.Resolve("AAPL"), Timeframe.OneMinute, Session, Session.AddHours(1));

        var first = await provider.FetchPageAsync(request);
        var second = await provider.FetchPageAsync(request with { Cursor = first.NextCursor });

        Assert.Equal([new Bar(Session, 176.15, 176.4, 175.9, 176.02, 412345, 5021), new Bar(Session.AddMinutes(1), 176.02, 176.2, 175.95, 176.1, 98765, 1200)], first.Bars);
        Assert.Equal("/v2/aggs/ticker/AAPL/range/1/minute/1709562720000/1709567999999?cursor=bGltaXQ9MiZzb3J0PWFzYw", first.NextCursor);
        Assert.Equal([new Bar(Session.AddMinutes(2), 176.1, 176.3, 176.0, 176.25, 65432, 877)], second.Bars);
        Assert.Null(second.NextCursor);
        Assert.Equal("/v2/aggs/ticker/AAPL/range/1/minute/1709562600000/1709566199999?adjusted=true&sort=asc&limit=50000&apiKey=KEY123", _kit.Stub.Requests[0].PathAndQuery);
        Assert.Equal("/v2/aggs/ticker/AAPL/range/1/minute/1709562720000/1709567999999?cursor=bGltaXQ9MiZzb3J0PWFzYw&apiKey=KEY123", _kit.Stub.Requests[1].PathAndQuery);
        var entry = (await _kit.Stores.Archive.GetAsync(first.ArchiveKey!))!.Entry;
        Assert.Contains("apiKey=REDACTED", entry.RequestKey, StringComparison.Ordinal);
        Assert.DoesNotContain("KEY123", entry.RequestKey, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyAndOddPages_AreHandled()
    {
        _kit.Stub.Respond(HttpStatusCode.OK, "polygon/aggs-empty.json").Respond(HttpStatusCode.OK, "polygon/aggs-odd-values.json");
        var provider = new PolygonBarProvider(_kit.Client, "KEY123");
        var request = new BarPageRequest(provider.Resolve("AAPL"), Timeframe.OneMinute, Session, Session.AddHours(1));

        var empty = await provider.FetchPageAsync(request);
        var odd = await provider.FetchPageAsync(request);

        Assert.Empty(empty.Bars);
        Assert.Null(empty.NextCursor);
        Assert.Equal([new Bar(Session.AddMinutes(2), 176.1, 176.3, 176.0, 176.25, 65432, 0)], odd.Bars);
        Assert.Contains(odd.Rejections, r => r.Detail.Contains("field '$.results[0].t' is missing", StringComparison.Ordinal));
        Assert.Contains(odd.Rejections, r => r.Detail.Contains("field '$.results[1].o' should be a number but is the string \"176.02\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AChangedShape_AndErrorBodies_NameWhatWentWrong()
    {
        _kit.Stub.Respond(HttpStatusCode.OK, "polygon/aggs-shape-changed.json")
            .Respond(HttpStatusCode.Unauthorized, "polygon/error-unknown-key.json")
            .Respond(HttpStatusCode.Forbidden, "polygon/error-not-authorized.json");
        var provider = new PolygonBarProvider(_kit.Client, "KEY123");
        var request = new BarPageRequest(provider.Resolve("AAPL"), Timeframe.OneMinute, Session, Session.AddHours(1));

        Assert.Contains("field '$.results' should be an array but is an object", (await Assert.ThrowsAsync<PayloadRejectedException>(() => provider.FetchPageAsync(request))).Message, StringComparison.Ordinal);
        Assert.Equal("polygon answered HTTP 401: Unknown API Key", (await Assert.ThrowsAsync<ProviderRequestException>(() => provider.FetchPageAsync(request))).Message);
        Assert.StartsWith("polygon answered HTTP 403: You are not entitled to this data.", (await Assert.ThrowsAsync<ProviderRequestException>(() => provider.FetchPageAsync(request))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Timeframes_MapToMultiplierAndTimespan_CryptoToXTickers()
    {
        Assert.Equal((5, "minute"), PolygonBarProvider.Span(Timeframe.FiveMinutes));
        Assert.Equal((4, "hour"), PolygonBarProvider.Span(Timeframe.FourHours));
        Assert.Equal((1, "day"), PolygonBarProvider.Span(Timeframe.OneDay));
        Assert.Equal((1, "week"), PolygonBarProvider.Span(Timeframe.OneWeek));
        Assert.Equal("BTC-USD", new PolygonBarProvider(_kit.Client, "k").Resolve("X:BTCUSD").Symbol.Value);
    }
}
