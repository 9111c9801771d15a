using MarketIntel.Core.Market;
using MarketIntel.Core.Tests.Fuzzing;
using MarketIntel.Ingestion.Providers;
using MarketIntel.Ingestion.Providers.Alpaca;
using MarketIntel.Ingestion.Providers.Binance;
using MarketIntel.Ingestion.Providers.Coinbase;
using MarketIntel.Ingestion.Providers.Polygon;
using MarketIntel.Ingestion.Tests.Fakes;

namespace MarketIntel.Ingestion.Tests.Fuzzing;

/// <summary>
/// The REST providers' payload parsers on arbitrary and mutated bodies (mutations of the recorded fixtures): a page is
/// parsed (bad rows rejected one by one) or the whole payload is a <see cref="PayloadFormatException"/> naming the
/// provider; the error-body reader always returns a message. Nothing here sends a request.
/// </summary>
public sealed class ProviderPayloadFuzzTests : IDisposable
{
    private static readonly DateTime Session = new(2024, 3, 4, 14, 30, 0, DateTimeKind.Utc);

    private readonly HttpClient _unused = new();

    public void Dispose() => _unused.Dispose();

    [Fact]
    public void Binance_Klines() => Run(new BinanceBarProvider(_unused, pageSize: 3), "BTCUSDT", "binance", ["klines-1m.json", "klines-odd-values.json", "klines-shape-changed.json", "klines-truncated.json"]);

    [Fact]
    public void Coinbase_Candles() => Run(new CoinbaseBarProvider(_unused), "BTC-USD", "coinbase", ["candles-1m.json", "candles-odd-values.json", "candles-shape-changed.json"]);

    [Fact]
    public void Alpaca_Bars() => Run(new AlpacaBarProvider(_unused, new AlpacaCredentials("k", "s")), "AAPL", "alpaca", ["stock-bars-page1.json", "stock-bars-daily.json", "bars-odd-values.json", "crypto-bars.json", "bars-shape-changed.json"]);

    [Fact]
    public void Polygon_Aggregates() => Run(new PolygonBarProvider(_unused, "k"), "AAPL", "polygon", ["aggs-page1.json", "aggs-odd-values.json", "aggs-shape-changed.json", "aggs-page2.json"]);

    /// <summary>Bodies that once escaped as another exception, kept for every provider.</summary>
    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"status\":\"OK\",\"next_url\":\"https://api.polygon.io/x\\ud800\"}")] // InvalidOperationException from GetString
    [InlineData("{\"bars\":{\"\\udfff\":[]},\"message\":\"\\ud800\"}")]
    public void Regressions(string body)
    {
        foreach (var (provider, symbol) in new (HttpBarProvider, string)[]
        {
            (new BinanceBarProvider(_unused, 3), "BTCUSDT"), (new CoinbaseBarProvider(_unused), "BTC-USD"),
            (new AlpacaBarProvider(_unused, null), "AAPL"), (new PolygonBarProvider(_unused, "k"), "AAPL"),
        })
        {
            var request = new BarPageRequest(provider.Resolve(symbol), Timeframe.OneMinute, Session, Session.AddHours(1));
            Assert.True(Fuzz.Survives(body, b => ParseAndDescribe(provider, request, b), e => NamesTheProvider(e, provider.Name)));
        }
    }

    private static void Run(HttpBarProvider provider, string symbol, string folder, string[] fixtures)
    {
        var samples = fixtures.Select(f => Fixture.Text($"{folder}/{f}")).ToArray();
        string[] tokens = ["{", "}", "[", "]", ",", ":", "\"t\":", "\"o\":", "\"h\":", "\"l\":", "\"c\":", "\"v\":", "\"n\":", "\"results\":", "\"bars\":", "\"next_page_token\":", "null", "\"1.5\"", "1709562600000", "\"2024-03-04T14:30:00Z\""];
        foreach (var timeframe in new[] { Timeframe.OneMinute, Timeframe.OneDay })
        {
            var request = new BarPageRequest(provider.Resolve(symbol), timeframe, Session, Session.AddDays(3));
            Fuzz.NeverCrashes(Fuzz.Text(samples, tokens), body => ParseAndDescribe(provider, request, body), e => NamesTheProvider(e, provider.Name));
        }
    }

    private static void ParseAndDescribe(HttpBarProvider provider, BarPageRequest request, string body)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(body);
        Assert.NotNull(provider.ErrorMessage(bytes));
        var page = provider.Parse(bytes, request);
        Assert.All(page.Rejections, r => Assert.False(string.IsNullOrWhiteSpace(r.Reason + r.Detail)));
    }

    private static bool NamesTheProvider(Exception ex, string provider) =>
        ex is PayloadFormatException format && format.Message.Contains(provider + " payload", StringComparison.Ordinal);
}
