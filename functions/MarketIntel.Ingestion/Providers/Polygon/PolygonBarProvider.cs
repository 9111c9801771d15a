using System.Globalization;
using System.Text.Json;
using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using MarketIntel.Ingestion.Instruments;

namespace MarketIntel.Ingestion.Providers.Polygon;

/// <summary>
/// Polygon-style aggregates: <c>GET /v2/aggs/ticker/{ticker}/range/{multiplier}/{timespan}/{from ms}/{to ms}?adjusted=true&amp;sort=asc&amp;limit&amp;apiKey</c>.
/// The answer is <c>{"ticker", "status": "OK", "resultsCount", "results": [{"t" ms, "o", "h", "l", "c", "v", "vw", "n"}],
/// "next_url": "...?cursor=..."}</c>; <c>results</c> is absent when empty. Daily stock bars are stamped at midnight New
/// York time and relabelled to the session date. Errors are <c>{"status": "ERROR", "error": "..."}</c>.
/// </summary>
public sealed class PolygonBarProvider(HttpClient http, string apiKey, int pageSize = 50_000) : HttpBarProvider(http)
{
    public static Uri DefaultBaseAddress { get; } = new("https://api.polygon.io/");

    public override string Name => ProviderNames.Polygon;

    public override int MaxBarsPerPage { get; } = pageSize is >= 1 and <= 50_000 ? pageSize : throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "Polygon returns 1 to 50,000 aggregates per request.");

    public override Instrument Resolve(string symbol) => SymbolNormalizer.Normalize(symbol, Name);

    public override bool Supports(Timeframe timeframe) => Span(timeframe) is not null;

    /// <summary>Polygon's (multiplier, timespan) for a timeframe.</summary>
    public static (int Multiplier, string Timespan)? Span(Timeframe timeframe) => timeframe.Minutes switch
    {
        10080 => (1, "week"),
        _ when timeframe.Minutes % 1440 == 0 && timeframe.Minutes < 10080 => (timeframe.Minutes / 1440, "day"),
        _ when timeframe.Minutes % 60 == 0 && timeframe.Minutes < 1440 => (timeframe.Minutes / 60, "hour"),
        < 1440 => (timeframe.Minutes, "minute"),
        _ => null,
    };

    protected override HttpRequestMessage CreateRequest(BarPageRequest request)
    {
        string url;
        if (request.Cursor is not null)
        {
            // The cursor is the answer's next_url (path and query); the key is added again, as Polygon does not echo it.
            url = request.Cursor.TrimStart('/');
        }
        else
        {
            var (multiplier, timespan) = Span(request.Timeframe)!.Value;
            url = string.Create(CultureInfo.InvariantCulture,
                $"v2/aggs/ticker/{Uri.EscapeDataString(SymbolNormalizer.ToPolygon(request.Instrument))}/range/{multiplier}/{timespan}/{BarRecordRules.ToUnixMilliseconds(request.FromUtc)}/{BarRecordRules.ToUnixMilliseconds(request.ToUtc) - 1}?adjusted=true&sort=asc&limit={MaxBarsPerPage}");
        }

        url += (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "apiKey=" + Uri.EscapeDataString(apiKey);
        return new HttpRequestMessage(HttpMethod.Get, url);
    }

    public override ParsedBarPage Parse(ReadOnlyMemory<byte> body, BarPageRequest request)
    {
        using var document = Json.Parse(Name, body);
        var root = Json.Object(Name, document.RootElement, "$");
        var status = Json.String(Name, Json.Property(Name, root, "status", "$"), "$.status");
        if (status is not ("OK" or "DELAYED"))
        {
            throw new PayloadFormatException(Name, "$.status", $"is '{status}' in a success response (expected OK or DELAYED)");
        }

        var bars = new List<Bar>();
        var rejections = new List<BarRejection>();
        if (root.TryGetProperty("results", out var results) && results.ValueKind != JsonValueKind.Null)
        {
            ReadRows(Json.Array(Name, results, "$.results"), "$.results", bars, rejections, (row, path) => ReadAggregate(row, path, request));
        }

        if (!root.TryGetProperty("next_url", out var nextUrl) || nextUrl.ValueKind == JsonValueKind.Null)
        {
            return new ParsedBarPage(bars, rejections, null, request.ToUtc);
        }

        var text = Json.String(Name, nextUrl, "$.next_url");
        if (!Uri.TryCreate(text, UriKind.Absolute, out var next))
        {
            throw new PayloadFormatException(Name, "$.next_url", "should be an absolute URL");
        }

        var covered = bars.Count > 0 ? bars.Max(b => b.OpenTime) + request.Timeframe.Duration : request.FromUtc;
        return new ParsedBarPage(bars, rejections, next.PathAndQuery, covered);
    }

    public override string ErrorMessage(ReadOnlyMemory<byte> body) => ErrorBodies.Describe(body, "error", "message");

    private Bar ReadAggregate(JsonElement row, string path, BarPageRequest request)
    {
        Json.Object(Name, row, path);
        var time = Json.UnixMilliseconds(Name, Json.Property(Name, row, "t", path), path + ".t");
        return ObjectBar(row, path, time, request, tradesRequired: false);
    }
}
