using System.Text.Json;
using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using MarketIntel.Ingestion.Instruments;
using MarketIntel.Ingestion.Metrics;
using MarketIntel.Ingestion.Streaming;

namespace MarketIntel.Ingestion.Providers.Binance;

/// <summary>
/// Binance's public trade stream, no key: a combined stream <c>/stream?streams=btcusdt@trade/ethusdt@trade</c> whose
/// messages are <c>{"stream": "btcusdt@trade", "data": {"e": "trade", "E": event ms, "s": "BTCUSDT", "t": trade id,
/// "p": "price", "q": "quantity", "T": trade ms, "m": buyer is maker, "M": ignore}}</c>. Subscription answers
/// (<c>{"result": null, "id": 1}</c>) and other event types are ignored; <c>{"code", "msg"}</c> errors are rejections.
/// </summary>
public sealed class BinanceTradeStream(Uri baseAddress, IRawArchive archive, IngestionMetrics metrics, TimeProvider timeProvider, string codeVersion, WebSocketStreamOptions? options = null)
    : WebSocketTradeStream(archive, metrics, timeProvider, codeVersion, options)
{
    public static Uri DefaultBaseAddress { get; } = new("wss://stream.binance.com:9443/");

    public override string Name => ProviderNames.Binance;

    public override Instrument Resolve(string symbol) => SymbolNormalizer.Normalize(symbol, Name, AssetClass.Crypto);

    protected override Uri StreamUri(IReadOnlyList<Instrument> instruments) => new(baseAddress, "stream?streams=" + string.Join('/', StreamNames(instruments)));

    /// <summary>
    /// The URL already subscribes; the explicit SUBSCRIBE (answered <c>{"result": null, "id": 1}</c>) is sent on every
    /// (re)connect as well, so a server that dropped the URL's streams on a reconnect is asked again.
    /// </summary>
    protected override IEnumerable<string> SubscribeMessages(IReadOnlyList<Instrument> instruments) =>
        [JsonSerializer.Serialize(new Dictionary<string, object> { ["method"] = "SUBSCRIBE", ["params"] = StreamNames(instruments).ToArray(), ["id"] = 1 })];

    private static IEnumerable<string> StreamNames(IReadOnlyList<Instrument> instruments) =>
        instruments.Select(i => SymbolNormalizer.ToBinance(i).ToLowerInvariant() + "@trade");

    protected override void ParseMessage(JsonElement root, IReadOnlyList<Instrument> instruments, DateTimeOffset receivedAt, string? archiveKey, List<TradeStreamEvent> into)
    {
        if (root.TryGetProperty("code", out var code) && root.TryGetProperty("msg", out var msg))
        {
            into.Add(TradeStreamEvent.Rejected(RejectReasons.ProviderError, $"code {code.GetRawText()}: {msg.GetString()}", receivedAt, archiveKey));
            return;
        }

        if (root.TryGetProperty("result", out _) && root.TryGetProperty("id", out _))
        {
            return;
        }

        var (data, path) = root.TryGetProperty("data", out var wrapped) ? (Json.Object(Name, wrapped, "$.data"), "$.data") : (root, "$");
        if (!data.TryGetProperty("e", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "trade")
        {
            return;
        }

        var symbol = Json.String(Name, Json.Property(Name, data, "s", path), path + ".s");
        var instrument = instruments.FirstOrDefault(i => SymbolNormalizer.ToBinance(i) == symbol);
        if (instrument is null)
        {
            into.Add(TradeStreamEvent.Rejected(RejectReasons.UnknownSymbol, $"{path}.s: trade of {symbol}, which was not subscribed", receivedAt, archiveKey));
            return;
        }

        var tick = new Tick(
            Json.UnixMilliseconds(Name, Json.Property(Name, data, "T", path), path + ".T"),
            instrument.Symbol,
            Json.PriceString(Name, Json.Property(Name, data, "p", path), path + ".p"),
            Json.DecimalString(Name, Json.Property(Name, data, "q", path), path + ".q"),
            new TradeId(Json.Int64(Name, Json.Property(Name, data, "t", path), path + ".t")));
        into.Add(TradeStreamEvent.Trade(tick, receivedAt, archiveKey));
    }
}
