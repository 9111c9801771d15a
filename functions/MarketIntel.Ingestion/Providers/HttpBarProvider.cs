using MarketIntel.Core.Market;
using MarketIntel.Ingestion.Http;
using MarketIntel.Ingestion.Instruments;

namespace MarketIntel.Ingestion.Providers;

/// <summary>
/// The REST half of a provider adapter: sends the page request through the provider's <see cref="HttpClient"/> (built by
/// <see cref="ProviderHttpClient"/>, which archives every body before it comes back here), turns error statuses into
/// <see cref="ProviderRequestException"/> with the provider's own message, parses the payload and cleans the page.
/// </summary>
public abstract class HttpBarProvider(HttpClient http) : IBarProvider
{
    public abstract string Name { get; }

    public abstract int MaxBarsPerPage { get; }

    public abstract Instrument Resolve(string symbol);

    public abstract bool Supports(Timeframe timeframe);

    public async Task<BarPageResult> FetchPageAsync(BarPageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Supports(request.Timeframe))
        {
            throw new ArgumentException($"{Name} does not serve {request.Timeframe} bars.", nameof(request));
        }

        using var message = CreateRequest(request);
        message.Options.Set(RawArchiveHandler.Tag, new ArchiveTag(Name, "bars-" + request.Timeframe));
        using var response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        if (!message.Options.TryGetValue(RawArchiveHandler.ArchivedKey, out var archiveKey))
        {
            throw new InvalidOperationException($"The {Name} response was not archived: build the HttpClient with ProviderHttpClient.Create.");
        }

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new ProviderRequestException(Name, (int)response.StatusCode, ErrorMessage(body), archiveKey);
        }

        ParsedBarPage parsed;
        try
        {
            parsed = Parse(body, request);
        }
        catch (PayloadFormatException ex)
        {
            throw new PayloadRejectedException(Name, archiveKey, ex);
        }

        var (bars, rejections) = BarSanitizer.Clean(parsed.Bars, request.Timeframe, request.FromUtc, request.ToUtc, parsed.Rejections);
        return new BarPageResult(bars, rejections, parsed.NextCursor, parsed.CoveredUntil) { ArchiveKey = archiveKey };
    }

    /// <summary>The GET for one page (relative to the client's base address), with any authentication headers.</summary>
    protected abstract HttpRequestMessage CreateRequest(BarPageRequest request);

    /// <summary>Reads a success payload; throws <see cref="PayloadFormatException"/> when its shape is not the documented one.</summary>
    public abstract ParsedBarPage Parse(ReadOnlyMemory<byte> body, BarPageRequest request);

    /// <summary>The provider's message from its documented error body, or an excerpt of the body.</summary>
    public abstract string ErrorMessage(ReadOnlyMemory<byte> body);

    /// <summary>
    /// A bar object with numeric <c>o h l c v</c> (and optionally <c>n</c>) fields, as Alpaca and Polygon send them; the
    /// open time (read by the caller, whose format differs) is relabelled to the session date for daily equity bars.
    /// </summary>
    protected Bar ObjectBar(System.Text.Json.JsonElement row, string path, DateTime providerTime, BarPageRequest request, bool tradesRequired)
    {
        ArgumentNullException.ThrowIfNull(request);
        System.Text.Json.JsonElement Field(string name) => Json.Property(Name, row, name, path);
        long trades = 0;
        if (tradesRequired || row.TryGetProperty("n", out _))
        {
            trades = Json.Int64(Name, Field("n"), path + ".n");
        }

        return new Bar(
            SessionLabels.Normalize(request.Instrument, request.Timeframe, providerTime),
            Json.Number(Name, Field("o"), path + ".o"),
            Json.Number(Name, Field("h"), path + ".h"),
            Json.Number(Name, Field("l"), path + ".l"),
            Json.Number(Name, Field("c"), path + ".c"),
            Json.DecimalNumber(Name, Field("v"), path + ".v"),
            trades);
    }

    /// <summary>Parses each row on its own, so that one malformed row is rejected (naming its field) and the others kept.</summary>
    protected static void ReadRows(System.Text.Json.JsonElement rows, string path, List<Bar> bars, List<BarRejection> rejections, Func<System.Text.Json.JsonElement, string, Bar> read)
    {
        var index = 0;
        foreach (var row in rows.EnumerateArray())
        {
            var rowPath = $"{path}[{index++}]";
            try
            {
                bars.Add(read(row, rowPath));
            }
            catch (PayloadFormatException ex)
            {
                rejections.Add(new BarRejection(RejectReasons.Malformed, ex.Message));
            }
        }
    }
}
