using System.Text;
using MarketIntel.Core.Market;
using MarketIntel.Ingestion.Instruments;
using MarketIntel.Ingestion.Metrics;
using MarketIntel.Ingestion.Providers;
using MarketIntel.Ingestion.Providers.Binance;
using MarketIntel.Ingestion.Providers.Coinbase;
using MarketIntel.Ingestion.Streaming;
using MarketIntel.Ingestion.Tests.Fakes;

namespace MarketIntel.Ingestion.Tests.Streaming;

public sealed class TradeStreamContractTests : IDisposable
{
    private static readonly DateTimeOffset Received = new(2024, 3, 4, 0, 0, 1, TimeSpan.Zero);
    private readonly TestStores _stores = new();

    public void Dispose() => _stores.Dispose();

    [Fact]
    public void BinanceMessages_ParseTradesOfBothShapes_IgnoreAcksAndOtherEvents_AndRejectTheRest()
    {
        var stream = new BinanceTradeStream(BinanceTradeStream.DefaultBaseAddress, _stores.Archive, new IngestionMetrics(), TimeProvider.System, "test");
        var instruments = new[] { stream.Resolve("BTCUSDT"), stream.Resolve("ETHUSDT") };

        var events = ParseAll(stream, "streams/binance-trades.ndjson", instruments);

        var at = new DateTime(2024, 3, 4, 0, 0, 0, DateTimeKind.Utc);
        Assert.Equal(
            [
                new Tick(at.AddMilliseconds(120), new Symbol("BTC-USDT"), 62350.01, 0.0015m, new TradeId(3466543210)),
                new Tick(at.AddMilliseconds(199), new Symbol("ETH-USDT"), 3401.5, 0.25m, new TradeId(1345678901)),
            ],
            events.Where(e => e.Kind == TradeStreamEventKind.Trade).Select(e => e.Tick));
        var rejected = events.Where(e => e.Kind == TradeStreamEventKind.Rejected).ToList();
        Assert.Equal([RejectReasons.Malformed, RejectReasons.UnknownSymbol, RejectReasons.ProviderError, RejectReasons.Malformed], rejected.Select(e => e.Reason));
        Assert.Contains("field '$.data.p' should be a decimal string but is the number 62350.5", rejected[0].Detail, StringComparison.Ordinal);
        Assert.Contains("SOLUSDT", rejected[1].Detail, StringComparison.Ordinal);
        Assert.Equal("code 2: Invalid request: unknown variant `SUBSCRIB`", rejected[2].Detail);
        Assert.Contains("is not valid JSON", rejected[3].Detail, StringComparison.Ordinal);
        Assert.All(events, e => Assert.Equal("key", e.ArchiveKey));
    }

    [Fact]
    public void CoinbaseMatches_ParseTrades_IgnoreSubscriptionsAndHeartbeats_AndRejectTheRest()
    {
        var stream = new CoinbaseTradeStream(CoinbaseTradeStream.DefaultEndpoint, _stores.Archive, new IngestionMetrics(), TimeProvider.System, "test");
        var instruments = new[] { stream.Resolve("BTC-USD"), stream.Resolve("ETH-USD") };

        var events = ParseAll(stream, "streams/coinbase-matches.ndjson", instruments);

        var at = new DateTime(2024, 3, 4, 0, 0, 0, DateTimeKind.Utc);
        Assert.Equal(
            [
                new Tick(at.AddTicks(1_204_120), new Symbol("BTC-USD"), 62350.01, 0.0015m, new TradeId(635427611)),
                new Tick(at.AddMilliseconds(199), new Symbol("ETH-USD"), 3401.5, 0.25m, new TradeId(635427612)),
            ],
            events.Where(e => e.Kind == TradeStreamEventKind.Trade).Select(e => e.Tick));
        var rejected = events.Where(e => e.Kind == TradeStreamEventKind.Rejected).ToList();
        Assert.Equal([RejectReasons.Malformed, RejectReasons.ProviderError, RejectReasons.UnknownSymbol], rejected.Select(e => e.Reason));
        Assert.Contains("field '$.time' should be an RFC 3339 timestamp but is the string \"yesterday\"", rejected[0].Detail, StringComparison.Ordinal);
        Assert.Equal("Failed to subscribe (ABC-XYZ is not a valid product)", rejected[1].Detail);
    }

    private static List<TradeStreamEvent> ParseAll(WebSocketTradeStream stream, string fixture, IReadOnlyList<Instrument> instruments)
    {
        var events = new List<TradeStreamEvent>();
        foreach (var line in Fixture.Text(fixture).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            stream.Parse(Encoding.UTF8.GetBytes(line), instruments, Received, "key", events);
        }

        return events;
    }
}
