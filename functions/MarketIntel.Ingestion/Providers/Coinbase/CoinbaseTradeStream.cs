using System.Text.Json;
using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using MarketIntel.Ingestion.Instruments;
using MarketIntel.Ingestion.Metrics;
using MarketIntel.Ingestion.Streaming;

namespace MarketIntel.Ingestion.Providers.Coinbase;

/// <summary>
/// Coinbase Exchange's public WebSocket feed, <c>matches</c> channel: after <c>{"type": "subscribe", "product_ids": [...],
/// "channels": ["matches"]}</c> each trade arrives as <c>{"type": "match" (or "last_match"), "trade_id", "sequence",
/// "maker_order_id", "taker_order_id", "time": RFC 3339, "product_id", "size", "price", "side"}</c>. Subscription
/// confirmations and heartbeats are ignored; <c>{"type": "error", "message", "reason"}</c> is a rejection.
/// </summary>
public sealed class CoinbaseTradeStream(Uri endpoint, IRawArchive archive, IngestionMetrics metrics, TimeProvider timeProvider, string codeVersion, WebSocketStreamOptions? options = null)
    : WebSocketTradeStream(archive, metrics, timeProvider, codeVersion, options)
{
    public static Uri DefaultEndpoint { get; } = new("wss://ws-feed.exchange.coinbase.com");

    public override string Name => ProviderNames.Coinbase;

    public override Instrument Resolve(string symbol) => SymbolNormalizer.Normalize(symbol, Name, AssetClass.Crypto);

    protected override Uri StreamUri(IReadOnlyList<Instrument> instruments) => endpoint;

    protected override IEnumerable<string> SubscribeMessages(IReadOnlyList<Instrument> instruments) =>
        [JsonSerializer.Serialize(new Dictionary<string, object> { ["type"] = "subscribe", ["product_ids"] = instruments.Select(SymbolNormalizer.ToCoinbase).ToArray(), ["channels"] = new[] { "matches" } })];

    protected override void ParseMessage(JsonElement root, IReadOnlyList<Instrument> instruments, DateTimeOffset receivedAt, string? archiveKey, List<TradeStreamEvent> into)
    {
        var type = Json.String(Name, Json.Property(Name, root, "type", "$"), "$.type");
        switch (type)
        {
            case "match" or "last_match":
                break;
            case "error":
                var reason = root.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? " (" + r.GetString() + ")" : string.Empty;
                into.Add(TradeStreamEvent.Rejected(RejectReasons.ProviderError, (root.TryGetProperty("message", out var m) ? m.GetString() : "error") + reason, receivedAt, archiveKey));
                return;
            default:
                return;
        }

        var product = Json.String(Name, Json.Property(Name, root, "product_id", "$"), "$.product_id");
        var instrument = instruments.FirstOrDefault(i => SymbolNormalizer.ToCoinbase(i) == product);
        if (instrument is null)
        {
            into.Add(TradeStreamEvent.Rejected(RejectReasons.UnknownSymbol, $"$.product_id: trade of {product}, which was not subscribed", receivedAt, archiveKey));
            return;
        }

        var tick = new Tick(
            Json.Timestamp(Name, Json.Property(Name, root, "time", "$"), "$.time"),
            instrument.Symbol,
            Json.PriceString(Name, Json.Property(Name, root, "price", "$"), "$.price"),
            Json.DecimalString(Name, Json.Property(Name, root, "size", "$"), "$.size"),
            new TradeId(Json.Int64(Name, Json.Property(Name, root, "trade_id", "$"), "$.trade_id")));
        into.Add(TradeStreamEvent.Trade(tick, receivedAt, archiveKey));
    }
}
