using System.Globalization;
using System.Text.Json;
using MarketIntel.Core.Market;
using MarketIntel.Ingestion.Instruments;

namespace MarketIntel.Ingestion.Providers.Coinbase;

/// <summary>
/// Coinbase Exchange public candles: <c>GET /products/{product_id}/candles?granularity=60&amp;start&amp;end</c>, no key.
/// Each candle is <c>[time s, low, high, open, close, volume]</c> (numbers), newest first, at most 300 per request;
/// intervals without trades have no candle; candles before <c>start</c> may come back. No trade counts are published.
/// The adapter pages in windows of 300 candles. Errors are <c>{"message": "NotFound"}</c>.
/// </summary>
public sealed class CoinbaseBarProvider(HttpClient http) : HttpBarProvider(http)
{
    public const int MaxCandles = 300;

    public static Uri DefaultBaseAddress { get; } = new("https://api.exchange.coinbase.com/");

    public override string Name => ProviderNames.Coinbase;

    public override int MaxBarsPerPage => MaxCandles;

    public override Instrument Resolve(string symbol) => SymbolNormalizer.Normalize(symbol, Name, AssetClass.Crypto);

    public override bool Supports(Timeframe timeframe) => timeframe.Minutes is 1 or 5 or 15 or 60 or 360 or 1440;

    protected override HttpRequestMessage CreateRequest(BarPageRequest request)
    {
        var (start, end) = Window(request);
        var query = string.Create(CultureInfo.InvariantCulture,
            $"products/{SymbolNormalizer.ToCoinbase(request.Instrument)}/candles?granularity={request.Timeframe.Minutes * 60}&start={Iso(start)}&end={Iso(end.AddSeconds(-1))}");
        var message = new HttpRequestMessage(HttpMethod.Get, query);

        // Coinbase refuses requests without a User-Agent.
        message.Headers.UserAgent.ParseAdd("MarketIntel/" + Service.IngestionInfo.CodeVersion);
        return message;
    }

    public override ParsedBarPage Parse(ReadOnlyMemory<byte> body, BarPageRequest request)
    {
        using var document = Json.Parse(Name, body);
        var rows = Json.Array(Name, document.RootElement, "$");
        var bars = new List<Bar>(rows.GetArrayLength());
        var rejections = new List<BarRejection>();
        ReadRows(rows, "$", bars, rejections, ReadCandle);
        var (_, end) = Window(request);
        return end < request.ToUtc ? new ParsedBarPage(bars, rejections, BarCursor.From(end), end) : new ParsedBarPage(bars, rejections, null, request.ToUtc);
    }

    public override string ErrorMessage(ReadOnlyMemory<byte> body) => ErrorBodies.Describe(body, "message");

    private static (DateTime Start, DateTime End) Window(BarPageRequest request)
    {
        var start = BarCursor.Parse(request.Cursor, request.FromUtc);
        var span = request.Timeframe.Ticks * MaxCandles;
        return (start, request.ToUtc.Ticks - start.Ticks <= span ? request.ToUtc : start.AddTicks(span));
    }

    private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private Bar ReadCandle(JsonElement row, string path)
    {
        Json.Array(Name, row, path);
        (JsonElement Value, string Path) At(int index, string name) => (Json.Item(Name, row, index, $"{path}[{index}] {name}"), $"{path}[{index}] {name}");
        var time = At(0, "time");
        var low = At(1, "low");
        var high = At(2, "high");
        var open = At(3, "open");
        var close = At(4, "close");
        var volume = At(5, "volume");
        return new Bar(
            Json.UnixSeconds(Name, time.Value, time.Path),
            Json.Number(Name, open.Value, open.Path),
            Json.Number(Name, high.Value, high.Path),
            Json.Number(Name, low.Value, low.Path),
            Json.Number(Name, close.Value, close.Path),
            Json.DecimalNumber(Name, volume.Value, volume.Path));
    }
}
