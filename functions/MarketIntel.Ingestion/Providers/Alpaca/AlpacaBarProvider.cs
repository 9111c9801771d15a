using System.Globalization;
using System.Text.Json;
using MarketIntel.Core.Market;
using MarketIntel.Ingestion.Instruments;

namespace MarketIntel.Ingestion.Providers.Alpaca;

/// <summary>
/// Alpaca market data bars: stocks <c>GET /v2/stocks/bars?symbols=AAPL&amp;timeframe=1Min&amp;start&amp;end&amp;limit&amp;page_token</c>
/// (key and secret in headers), crypto <c>GET /v1beta3/crypto/us/bars?symbols=BTC/USD...</c>. The answer is
/// <c>{"bars": {"AAPL": [{"t": RFC 3339, "o", "h", "l", "c", "v", "n", "vw"}]}, "next_page_token": "..."|null}</c>,
/// ascending. Daily stock bars are stamped at midnight New York time and relabelled to the session date.
/// Errors are <c>{"code": 40010001, "message": "..."}</c>.
/// </summary>
public sealed class AlpacaBarProvider(HttpClient http, AlpacaCredentials? credentials, string feed = "iex", int pageSize = 10_000) : HttpBarProvider(http)
{
    public static Uri DefaultBaseAddress { get; } = new("https://data.alpaca.markets/");

    public override string Name => ProviderNames.Alpaca;

    public override int MaxBarsPerPage { get; } = pageSize is >= 1 and <= 10_000 ? pageSize : throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "Alpaca returns 1 to 10,000 bars per request.");

    public override Instrument Resolve(string symbol) => SymbolNormalizer.Normalize(symbol, Name);

    public override bool Supports(Timeframe timeframe) => TimeframeName(timeframe) is not null;

    /// <summary>Alpaca's timeframe names: <c>[1-59]Min</c>, <c>[1-23]Hour</c>, <c>1Day</c>, <c>1Week</c>.</summary>
    public static string? TimeframeName(Timeframe timeframe) => timeframe.Minutes switch
    {
        < 60 => timeframe.Minutes.ToString(CultureInfo.InvariantCulture) + "Min",
        < 1440 when timeframe.Minutes % 60 == 0 => (timeframe.Minutes / 60).ToString(CultureInfo.InvariantCulture) + "Hour",
        1440 => "1Day",
        10080 => "1Week",
        _ => null,
    };

    protected override HttpRequestMessage CreateRequest(BarPageRequest request)
    {
        var crypto = request.Instrument.AssetClass == AssetClass.Crypto;
        var path = crypto ? "v1beta3/crypto/us/bars" : "v2/stocks/bars";
        var query = string.Create(CultureInfo.InvariantCulture,
            $"{path}?symbols={Uri.EscapeDataString(SymbolNormalizer.ToAlpaca(request.Instrument))}&timeframe={TimeframeName(request.Timeframe)}&start={Iso(request.FromUtc)}&end={Iso(request.ToUtc.AddSeconds(-1))}&limit={MaxBarsPerPage}&sort=asc");
        if (!crypto)
        {
            query += "&adjustment=raw&feed=" + Uri.EscapeDataString(feed);
        }

        if (request.Cursor is not null)
        {
            query += "&page_token=" + Uri.EscapeDataString(request.Cursor);
        }

        var message = new HttpRequestMessage(HttpMethod.Get, query);
        if (credentials is not null)
        {
            message.Headers.Add("APCA-API-KEY-ID", credentials.KeyId);
            message.Headers.Add("APCA-API-SECRET-KEY", credentials.SecretKey);
        }
        else if (!crypto)
        {
            throw new InvalidOperationException("Alpaca stock bars need an API key: set Ingestion:Alpaca:KeyId and Ingestion:Alpaca:SecretKey (or APCA_API_KEY_ID and APCA_API_SECRET_KEY).");
        }

        return message;
    }

    public override ParsedBarPage Parse(ReadOnlyMemory<byte> body, BarPageRequest request)
    {
        using var document = Json.Parse(Name, body);
        var root = Json.Object(Name, document.RootElement, "$");
        var barsBySymbol = Json.Property(Name, root, "bars", "$");
        var bars = new List<Bar>();
        var rejections = new List<BarRejection>();
        var symbol = SymbolNormalizer.ToAlpaca(request.Instrument);
        if (barsBySymbol.ValueKind != JsonValueKind.Null)
        {
            Json.Object(Name, barsBySymbol, "$.bars");
            foreach (var entry in barsBySymbol.EnumerateObject())
            {
                var path = "$.bars." + entry.Name;
                if (entry.Name != symbol)
                {
                    rejections.Add(new BarRejection(RejectReasons.UnknownSymbol, $"{path}: bars of a symbol that was not asked for"));
                    continue;
                }

                ReadRows(Json.Array(Name, entry.Value, path), path, bars, rejections, (row, rowPath) => ReadBar(row, rowPath, request));
            }
        }

        var token = Json.Property(Name, root, "next_page_token", "$");
        if (token.ValueKind == JsonValueKind.Null)
        {
            return new ParsedBarPage(bars, rejections, null, request.ToUtc);
        }

        var next = Json.String(Name, token, "$.next_page_token");
        var covered = bars.Count > 0 ? bars.Max(b => b.OpenTime) + request.Timeframe.Duration : request.FromUtc;
        return new ParsedBarPage(bars, rejections, next, covered);
    }

    public override string ErrorMessage(ReadOnlyMemory<byte> body) => ErrorBodies.Describe(body, "message");

    private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private Bar ReadBar(JsonElement row, string path, BarPageRequest request)
    {
        Json.Object(Name, row, path);
        var time = Json.Timestamp(Name, Json.Property(Name, row, "t", path), path + ".t");
        return ObjectBar(row, path, time, request, tradesRequired: true);
    }
}
