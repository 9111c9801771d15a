using System.Globalization;
using System.Text.Json;
using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using MarketIntel.Ingestion.Instruments;

namespace MarketIntel.Ingestion.Providers.Binance;

/// <summary>
/// Binance spot klines: <c>GET /api/v3/klines?symbol=BTCUSDT&amp;interval=1m&amp;startTime&amp;endTime&amp;limit</c>, public,
/// no key. Each kline is an array <c>[openTime ms, "open", "high", "low", "close", "volume", closeTime ms,
/// "quoteVolume", trades, "takerBuyBase", "takerBuyQuote", "ignore"]</c>, prices and volumes as decimal strings,
/// ascending. A full page (<c>limit</c> rows) means more may follow: the next page starts after its newest kline.
/// Errors are <c>{"code": -1121, "msg": "Invalid symbol."}</c>.
/// </summary>
public sealed class BinanceBarProvider(HttpClient http, int pageSize = 1000) : HttpBarProvider(http)
{
    public static Uri DefaultBaseAddress { get; } = new("https://api.binance.com/");

    public override string Name => ProviderNames.Binance;

    public override int MaxBarsPerPage { get; } = pageSize is >= 1 and <= 1000 ? pageSize : throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "Binance returns 1 to 1000 klines per request.");

    public override Instrument Resolve(string symbol) => SymbolNormalizer.Normalize(symbol, Name, AssetClass.Crypto);

    public override bool Supports(Timeframe timeframe) => Interval(timeframe) is not null;

    /// <summary>Binance's interval names for the timeframes it serves on the same UTC grid (weeks start on Monday).</summary>
    public static string? Interval(Timeframe timeframe) => timeframe.Minutes switch
    {
        1 => "1m", 3 => "3m", 5 => "5m", 15 => "15m", 30 => "30m", 60 => "1h", 120 => "2h", 240 => "4h", 360 => "6h", 480 => "8h", 720 => "12h",
        1440 => "1d", 10080 => "1w", _ => null,
    };

    protected override HttpRequestMessage CreateRequest(BarPageRequest request)
    {
        var start = BarCursor.Parse(request.Cursor, request.FromUtc);
        var query = string.Create(CultureInfo.InvariantCulture,
            $"api/v3/klines?symbol={SymbolNormalizer.ToBinance(request.Instrument)}&interval={Interval(request.Timeframe)}&startTime={BarRecordRules.ToUnixMilliseconds(start)}&endTime={BarRecordRules.ToUnixMilliseconds(request.ToUtc) - 1}&limit={MaxBarsPerPage}");
        return new HttpRequestMessage(HttpMethod.Get, query);
    }

    public override ParsedBarPage Parse(ReadOnlyMemory<byte> body, BarPageRequest request)
    {
        using var document = Json.Parse(Name, body);
        var rows = Json.Array(Name, document.RootElement, "$");
        var bars = new List<Bar>(rows.GetArrayLength());
        var rejections = new List<BarRejection>();
        ReadRows(rows, "$", bars, rejections, ReadKline);
        if (rows.GetArrayLength() < MaxBarsPerPage)
        {
            return new ParsedBarPage(bars, rejections, null, request.ToUtc);
        }

        if (bars.Count == 0)
        {
            throw new PayloadFormatException(Name, "$", "is a full page of which no kline could be read");
        }

        var next = bars.Max(b => b.OpenTime) + request.Timeframe.Duration;
        return next < request.ToUtc ? new ParsedBarPage(bars, rejections, BarCursor.From(next), next) : new ParsedBarPage(bars, rejections, null, request.ToUtc);
    }

    public override string ErrorMessage(ReadOnlyMemory<byte> body) => ErrorBodies.Describe(body, "msg");

    private Bar ReadKline(JsonElement row, string path)
    {
        Json.Array(Name, row, path);
        (JsonElement Value, string Path) At(int index, string name) => (Json.Item(Name, row, index, $"{path}[{index}] {name}"), $"{path}[{index}] {name}");
        var open = At(0, "openTime");
        var o = At(1, "open");
        var h = At(2, "high");
        var l = At(3, "low");
        var c = At(4, "close");
        var v = At(5, "volume");
        var n = At(8, "trades");
        return new Bar(
            Json.UnixMilliseconds(Name, open.Value, open.Path),
            Json.PriceString(Name, o.Value, o.Path),
            Json.PriceString(Name, h.Value, h.Path),
            Json.PriceString(Name, l.Value, l.Path),
            Json.PriceString(Name, c.Value, c.Path),
            Json.DecimalString(Name, v.Value, v.Path),
            Json.Int64(Name, n.Value, n.Path));
    }
}
