using System.Net;
using MarketIntel.Core.Market;
using MarketIntel.Ingestion.Providers;
using MarketIntel.Ingestion.Providers.Alpaca;

namespace MarketIntel.Ingestion.Tests.Providers;

public sealed class AlpacaContractTests : IDisposable
{
    private static readonly DateTime Session = new(2024, 3, 4, 14, 30, 0, DateTimeKind.Utc);
    private readonly ProviderTestKit _kit = new(ProviderNames.Alpaca);

    public void Dispose() => _kit.Dispose();

    private AlpacaBarProvider Provider() => new(_kit.Client, new AlpacaCredentials("PKTEST", "s3cr3t"));

    [Fact]
    public async Task StockBars_FollowThePageToken_WithTheKeyInHeaders()
    {
        _kit.Stub.Respond(HttpStatusCode.OK, "alpaca/stock-bars-page1.json").Respond(HttpStatusCode.OK, "alpaca/stock-bars-page2.json");
        var provider = Provider();
        var request = new BarPageRequest(provider.Resolve("AAPL"), Timeframe.OneMinute, Session, Session.AddHours(1));

        var first = await provider.FetchPageAsync(request);
        var second = await provider.FetchPageAsync(request with { Cursor = first.NextCursor });

        Assert.Equal([new Bar(Session, 176.15, 176.4, 175.9, 176.02, 412345, 5021), new Bar(Session.AddMinutes(1), 176.02, 176.2, 175.95, 176.1, 98765, 1200)], first.Bars);
        Assert.Equal("QUFQTHxNfDIwMjQtMDMtMDRUMTQ6MzI6MDAuMDAwMDAwMDAwWg==", first.NextCursor);
        Assert.Equal(Session.AddMinutes(2), first.CoveredUntil);
        Assert.Equal([new Bar(Session.AddMinutes(2), 176.1, 176.3, 176.0, 176.25, 65432, 877)], second.Bars);
        Assert.Null(second.NextCursor);
        Assert.Equal("/v2/stocks/bars?symbols=AAPL&timeframe=1Min&start=2024-03-04T14:30:00Z&end=2024-03-04T15:29:59Z&limit=10000&sort=asc&adjustment=raw&feed=iex", _kit.Stub.Requests[0].PathAndQuery);
        Assert.EndsWith("&page_token=QUFQTHxNfDIwMjQtMDMtMDRUMTQ6MzI6MDAuMDAwMDAwMDAwWg%3D%3D", _kit.Stub.Requests[1].PathAndQuery, StringComparison.Ordinal);
        Assert.Equal("PKTEST", _kit.Stub.Messages[0].Headers.GetValues("APCA-API-KEY-ID").Single());
        Assert.Equal("s3cr3t", _kit.Stub.Messages[0].Headers.GetValues("APCA-API-SECRET-KEY").Single());
    }

    [Fact]
    public async Task DailyStockBars_AreRelabelledToTheSessionDate()
    {
        _kit.Stub.Respond(HttpStatusCode.OK, "alpaca/stock-bars-daily.json");
        var provider = Provider();
        var day = new DateTime(2024, 3, 4, 0, 0, 0, DateTimeKind.Utc);

        var page = await provider.FetchPageAsync(new BarPageRequest(provider.Resolve("AAPL"), Timeframe.OneDay, day, day.AddDays(2)));

        Assert.Equal([day, day.AddDays(1)], page.Bars.Select(b => b.OpenTime));
    }

    [Fact]
    public async Task CryptoBars_UseTheCryptoEndpointAndPairSpelling()
    {
        _kit.Stub.Respond(HttpStatusCode.OK, "alpaca/crypto-bars.json");
        var provider = Provider();
        var from = new DateTime(2024, 3, 4, 0, 0, 0, DateTimeKind.Utc);

        var page = await provider.FetchPageAsync(new BarPageRequest(provider.Resolve("BTC/USD"), Timeframe.OneMinute, from, from.AddMinutes(5)));

        Assert.Equal([new Bar(from, 62350.01, 62410, 62300.5, 62395.99, 0.12345678m, 17)], page.Bars);
        Assert.StartsWith("/v1beta3/crypto/us/bars?symbols=BTC%2FUSD&timeframe=1Min", _kit.Stub.Requests[0].PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyPagesOddRowsAndForeignSymbols_AreHandled()
    {
        _kit.Stub.Respond(HttpStatusCode.OK, "alpaca/bars-empty.json").Respond(HttpStatusCode.OK, "alpaca/bars-odd-values.json");
        var provider = Provider();
        var request = new BarPageRequest(provider.Resolve("AAPL"), Timeframe.OneMinute, Session, Session.AddHours(1));

        var empty = await provider.FetchPageAsync(request);
        var odd = await provider.FetchPageAsync(request);

        Assert.Empty(empty.Bars);
        Assert.Null(empty.NextCursor);
        Assert.Equal([Session.AddMinutes(2)], odd.Bars.Select(b => b.OpenTime));
        Assert.Contains(odd.Rejections, r => r.Detail.Contains("field '$.bars.AAPL[0].t' is missing", StringComparison.Ordinal));
        Assert.Contains(odd.Rejections, r => r.Detail.Contains("field '$.bars.AAPL[1].v' should be a number but is the string \"98765\"", StringComparison.Ordinal));
        Assert.Contains(odd.Rejections, r => r.Reason == RejectReasons.UnknownSymbol);
    }

    [Fact]
    public async Task AChangedShape_AndErrorBodies_NameWhatWentWrong()
    {
        _kit.Stub.Respond(HttpStatusCode.OK, "alpaca/bars-shape-changed.json")
            .Respond(HttpStatusCode.UnprocessableEntity, "alpaca/error-invalid-symbol.json")
            .Respond(HttpStatusCode.Forbidden, "alpaca/error-forbidden.json");
        var provider = Provider();
        var request = new BarPageRequest(provider.Resolve("AAPL"), Timeframe.OneMinute, Session, Session.AddHours(1));

        Assert.Contains("field '$.bars' should be an object but is an array", (await Assert.ThrowsAsync<PayloadRejectedException>(() => provider.FetchPageAsync(request))).Message, StringComparison.Ordinal);
        Assert.Equal("alpaca answered HTTP 422: code 40010001: invalid symbol: AAPL!", (await Assert.ThrowsAsync<ProviderRequestException>(() => provider.FetchPageAsync(request))).Message);
        Assert.Equal("alpaca answered HTTP 403: forbidden", (await Assert.ThrowsAsync<ProviderRequestException>(() => provider.FetchPageAsync(request))).Message);
    }

    [Fact]
    public async Task StockBarsWithoutAKey_AreRefusedBeforeAnyRequest()
    {
        var provider = new AlpacaBarProvider(_kit.Client, credentials: null);
        var request = new BarPageRequest(provider.Resolve("AAPL"), Timeframe.OneMinute, Session, Session.AddHours(1));

        await Assert.ThrowsAsync<InvalidOperationException>(() => provider.FetchPageAsync(request));
        Assert.Empty(_kit.Stub.Requests);
        Assert.Equal("5Min", AlpacaBarProvider.TimeframeName(Timeframe.FiveMinutes));
        Assert.Equal("4Hour", AlpacaBarProvider.TimeframeName(Timeframe.FourHours));
        Assert.Null(AlpacaBarProvider.TimeframeName(new Timeframe(90)));
    }
}
