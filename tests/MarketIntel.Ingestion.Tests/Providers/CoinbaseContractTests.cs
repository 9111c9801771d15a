using System.Net;
using MarketIntel.Core.Market;
using MarketIntel.Ingestion.Providers;
using MarketIntel.Ingestion.Providers.Coinbase;

namespace MarketIntel.Ingestion.Tests.Providers;

public sealed class CoinbaseContractTests : IDisposable
{
    private static readonly DateTime From = new(2024, 3, 4, 0, 0, 0, DateTimeKind.Utc);
    private readonly ProviderTestKit _kit = new(ProviderNames.Coinbase);

    public void Dispose() => _kit.Dispose();

    private BarPageRequest Request(CoinbaseBarProvider provider, DateTime to, string? cursor = null) => new(provider.Resolve("BTC-USD"), Timeframe.OneMinute, From, to, cursor);

    [Fact]
    public async Task Candles_NewestFirst_AreSortedAndNeighboursBeforeStartDropped()
    {
        _kit.Stub.Respond(HttpStatusCode.OK, "coinbase/candles-1m.json");
        var provider = new CoinbaseBarProvider(_kit.Client);

        var page = await provider.FetchPageAsync(Request(provider, From.AddHours(1)));

        Assert.Equal(
            [
                new Bar(From, 62350.01, 62410.0, 62300.5, 62395.99, 18.4521m),
                new Bar(From.AddMinutes(1), 62395.99, 62420.1, 62370.0, 62377.77, 11.02m),
                new Bar(From.AddMinutes(2), 62377.77, 62388.0, 62201.13, 62222.22, 25.98765432m),
            ],
            page.Bars);
        Assert.Equal(RejectReasons.OutOfRange, Assert.Single(page.Rejections).Reason);
        Assert.Null(page.NextCursor);
        Assert.Equal("/products/BTC-USD/candles?granularity=60&start=2024-03-04T00:00:00Z&end=2024-03-04T00:59:59Z", _kit.Stub.Requests[0].PathAndQuery);
        Assert.NotEmpty(_kit.Stub.Messages[0].Headers.UserAgent);
    }

    [Fact]
    public async Task LongRanges_ArePagedInWindowsOf300Candles()
    {
        _kit.Stub.Respond(HttpStatusCode.OK, "coinbase/candles-empty.json").Respond(HttpStatusCode.OK, "coinbase/candles-empty.json");
        var provider = new CoinbaseBarProvider(_kit.Client);

        var first = await provider.FetchPageAsync(Request(provider, From.AddHours(6)));
        var second = await provider.FetchPageAsync(Request(provider, From.AddHours(6), first.NextCursor));

        Assert.Equal(From.AddMinutes(300), first.CoveredUntil);
        Assert.Equal(BarCursor.From(From.AddMinutes(300)), first.NextCursor);
        Assert.Null(second.NextCursor);
        Assert.Equal("/products/BTC-USD/candles?granularity=60&start=2024-03-04T05:00:00Z&end=2024-03-04T05:59:59Z", _kit.Stub.Requests[1].PathAndQuery);
    }

    [Fact]
    public async Task OddRows_AreRejectedNamingTheField()
    {
        _kit.Stub.Respond(HttpStatusCode.OK, "coinbase/candles-odd-values.json");
        var provider = new CoinbaseBarProvider(_kit.Client);

        var page = await provider.FetchPageAsync(Request(provider, From.AddHours(1)));

        Assert.Single(page.Bars);
        Assert.Contains(page.Rejections, r => r.Detail.Contains("field '$[0][4] close' is missing", StringComparison.Ordinal));
        Assert.Contains(page.Rejections, r => r.Detail.Contains("field '$[1][1] low' should be a number but is the string \"62201.13\"", StringComparison.Ordinal));
        Assert.Contains(page.Rejections, r => r.Reason == RejectReasons.Invalid);
    }

    [Fact]
    public async Task AChangedShape_IsRejected()
    {
        _kit.Stub.Respond(HttpStatusCode.OK, "coinbase/candles-shape-changed.json");
        var provider = new CoinbaseBarProvider(_kit.Client);

        var error = await Assert.ThrowsAsync<PayloadRejectedException>(() => provider.FetchPageAsync(Request(provider, From.AddHours(1))));
        Assert.Contains("field '$' should be an array but is an object", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound, "coinbase/error-not-found.json", "coinbase answered HTTP 404: NotFound")]
    [InlineData(HttpStatusCode.BadRequest, "coinbase/error-too-many-candles.json", "coinbase answered HTTP 400: granularity too small")]
    public async Task ErrorBodies_CarryTheProvidersMessage(HttpStatusCode status, string fixture, string message)
    {
        _kit.Stub.Respond(status, fixture);
        var provider = new CoinbaseBarProvider(_kit.Client);

        var error = await Assert.ThrowsAsync<ProviderRequestException>(() => provider.FetchPageAsync(Request(provider, From.AddHours(1))));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }
}
