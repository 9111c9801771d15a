using System.Net;
using MarketIntel.Core.Market;
using MarketIntel.Ingestion.Providers;
using MarketIntel.Ingestion.Providers.Binance;
using MarketIntel.Ingestion.Tests.Fakes;

namespace MarketIntel.Ingestion.Tests.Providers;

public sealed class BinanceContractTests : IDisposable
{
    private static readonly DateTime From = new(2024, 3, 4, 0, 0, 0, DateTimeKind.Utc);
    private readonly ProviderTestKit _kit = new(ProviderNames.Binance);

    public void Dispose() => _kit.Dispose();

    private BinanceBarProvider Provider(int pageSize = 1000) => new(_kit.Client, pageSize);

    private BarPageRequest Request(BinanceBarProvider provider, string? cursor = null) =>
        new(provider.Resolve("BTCUSDT"), Timeframe.OneMinute, From, From.AddHours(1), cursor);

    [Fact]
    public async Task KlinesPage_ParsesEveryField_AndIsArchivedFirst()
    {
        _kit.Stub.Respond(HttpStatusCode.OK, "binance/klines-1m.json");
        var provider = Provider();

        var page = await provider.FetchPageAsync(Request(provider));

        Assert.Equal(
            [
                new Bar(From, 62350.01, 62410.00, 62300.50, 62395.99, 18.4521m, 1042),
                new Bar(From.AddMinutes(1), 62395.99, 62420.10, 62370.00, 62377.77, 11.02m, 801),
                new Bar(From.AddMinutes(2), 62377.77, 62388.00, 62201.13, 62222.22, 25.98765432m, 1733),
            ],
            page.Bars);
        Assert.Empty(page.Rejections);
        Assert.Null(page.NextCursor);
        Assert.Equal(From.AddHours(1), page.CoveredUntil);
        var archived = await _kit.Stores.Archive.GetAsync(page.ArchiveKey!);
        Assert.Equal(Fixture.Bytes("binance/klines-1m.json"), archived!.Content.ToArray());
        Assert.Equal("binance", archived.Entry.Provider);
        Assert.Equal("bars-1m", archived.Entry.Dataset);
    }

    [Fact]
    public async Task TheRequest_FollowsTheDocumentedQuery()
    {
        _kit.Stub.Respond(HttpStatusCode.OK, "binance/klines-empty.json");
        var provider = Provider(500);

        await provider.FetchPageAsync(Request(provider, BarCursor.From(From.AddMinutes(10))));

        Assert.Equal("/api/v3/klines?symbol=BTCUSDT&interval=1m&startTime=1709511000000&endTime=1709513999999&limit=500", _kit.Stub.Requests[0].PathAndQuery);
    }

    [Fact]
    public async Task AFullPage_PointsTheCursorPastItsNewestKline()
    {
        _kit.Stub.Respond(HttpStatusCode.OK, "binance/klines-1m.json");
        var provider = Provider(pageSize: 3);

        var page = await provider.FetchPageAsync(Request(provider));

        Assert.Equal(BarCursor.From(From.AddMinutes(3)), page.NextCursor);
        Assert.Equal(From.AddMinutes(3), page.CoveredUntil);
    }

    [Fact]
    public async Task AnEmptyPage_EndsTheRange()
    {
        _kit.Stub.Respond(HttpStatusCode.OK, "binance/klines-empty.json");
        var provider = Provider();

        var page = await provider.FetchPageAsync(Request(provider));

        Assert.Empty(page.Bars);
        Assert.Null(page.NextCursor);
        Assert.Equal(From.AddHours(1), page.CoveredUntil);
    }

    [Fact]
    public async Task OddValues_AreRejectedRowByRow_WithReasonsThatNameTheField()
    {
        _kit.Stub.Respond(HttpStatusCode.OK, "binance/klines-odd-values.json");
        var provider = Provider();

        var page = await provider.FetchPageAsync(Request(provider));

        // The revised copy of the first kline wins; the last row is fine.
        Assert.Equal([new Bar(From, 62350.01, 62410.00, 62300.50, 62399.00, 18.5m, 1043), new Bar(From.AddMinutes(7), 62250.00, 62251.00, 62249.00, 62250.50, 0.0001m, 1)], page.Bars);
        var reasons = page.Rejections.Select(r => r.Reason).Order(StringComparer.Ordinal).ToList();
        Assert.Equal([RejectReasons.Duplicate, RejectReasons.Invalid, RejectReasons.Invalid, RejectReasons.Invalid, RejectReasons.Malformed, RejectReasons.Malformed, RejectReasons.Misaligned], reasons);
        Assert.Contains(page.Rejections, r => r.Detail.Contains("field '$[6][5] volume' is missing", StringComparison.Ordinal));
        Assert.Contains(page.Rejections, r => r.Detail.Contains("field '$[7][1] open' should be a decimal string but is the number 62240.0", StringComparison.Ordinal));
        Assert.Contains(page.Rejections, r => r.Detail.Contains("high must be >= max(open, close)", StringComparison.Ordinal));
        Assert.Contains(page.Rejections, r => r.Detail.Contains("volume cannot be negative", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("binance/klines-shape-changed.json", "field '$' should be an array but is an object")]
    [InlineData("binance/klines-truncated.json", "field '$' is not valid JSON")]
    public async Task AChangedOrBrokenPayload_IsRejectedNamingTheField_AndStaysInTheArchive(string fixture, string message)
    {
        _kit.Stub.Respond(HttpStatusCode.OK, fixture);
        var provider = Provider();

        var error = await Assert.ThrowsAsync<PayloadRejectedException>(() => provider.FetchPageAsync(Request(provider)));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(Fixture.Bytes(fixture), (await _kit.Stores.Archive.GetAsync(error.ArchiveKey!))!.Content.ToArray());
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "binance/error-invalid-symbol.json", "binance answered HTTP 400: code -1121: Invalid symbol.")]
    [InlineData(HttpStatusCode.TooManyRequests, "binance/error-rate-limit.json", "binance answered HTTP 429: code -1003: Too many requests; current limit of IP")]
    [InlineData(HttpStatusCode.BadGateway, "binance/error-html.html", "binance answered HTTP 502: <html><body><h1>502 Bad Gateway</h1></body></html>")]
    public async Task ErrorBodies_BecomeProviderErrorsCarryingTheProvidersMessage(HttpStatusCode status, string fixture, string message)
    {
        _kit.Stub.Respond(status, fixture, fixture.EndsWith(".html", StringComparison.Ordinal) ? "text/html" : "application/json");
        var provider = Provider();

        var error = await Assert.ThrowsAsync<ProviderRequestException>(() => provider.FetchPageAsync(Request(provider)));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Equal((int)status, error.StatusCode);
        Assert.NotNull(await _kit.Stores.Archive.GetAsync(error.ArchiveKey!));
    }

    [Fact]
    public void Symbols_AreCryptoPairsAndIntervalsFollowBinance()
    {
        var provider = Provider();
        Assert.Equal("BTC-USDT", provider.Resolve("btcusdt").Symbol.Value);
        Assert.Throws<ArgumentException>(() => provider.Resolve("A"));
        Assert.True(provider.Supports(Timeframe.OneWeek));
        Assert.False(provider.Supports(new Timeframe(7)));
    }
}
