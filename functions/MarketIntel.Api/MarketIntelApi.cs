using System.Globalization;
using System.Text.Json;
using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using MarketIntel.Pipeline.Application;
using MarketIntel.Pipeline.Workflows;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MarketIntel.Api;

/// <summary>
/// The <c>/api</c> routes, shared by the local host (minimal APIs) and the Functions app (HTTP triggers call the same
/// handlers). JSON is camelCase; every error is a ProblemDetails that says what was wrong.
/// </summary>
public static class MarketIntelApi
{
    /// <summary>
    /// Maps every route of <see cref="ApiRoutes"/> with a handler; mutating routes require a Write key, and with
    /// <see cref="ApiOptions.ReadsNeedKey"/> the reads require a key too.
    /// </summary>
    public static RouteGroupBuilder MapMarketIntelApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        var keyring = services.GetRequiredService<ApiKeyring>();
        var options = services.GetRequiredService<ApiOptions>();
        var failures = ApiKeyFilter.CreateFailureLimiter();
        var writeFilter = new ApiKeyFilter(keyring, ApiAccess.Write, failures);
        var readFilter = new ApiKeyFilter(keyring, ApiAccess.Read, failures);
        var api = endpoints.MapGroup("/" + ApiRoutes.Prefix);
        foreach (var route in ApiRoutes.All)
        {
            if (route.Handler is null)
            {
                continue;
            }

            var endpoint = api.MapMethods("/" + route.Template, [route.Method], route.Handler).WithName(route.Name);
            if (route.Body is not null)
            {
                endpoint.Accepts(route.Body, "application/json");
            }

            if (route.Access == ApiAccess.Write)
            {
                endpoint.AddEndpointFilter(writeFilter);
            }
            else if (options.ReadsNeedKey && route.Name != "Health")
            {
                endpoint.AddEndpointFilter(readFilter);
            }
        }

        return api;
    }

    /// <summary>
    /// Liveness and the stores' state: 200 in both cases, <c>status</c> "ok" or "degraded" (see <see cref="HealthResponse"/>).
    /// The host is up when it answers at all; a 503 would make a platform probe restart a host whose storage is down, which
    /// does not bring the storage back and drops the in-flight work that is retrying against it.
    /// </summary>
    public static async Task<Ok<HealthResponse>> Health(StoreHealthProbe stores, TimeProvider time, ApiHostInfo host)
    {
        var report = await stores.CheckAsync();
        return TypedResults.Ok(new HealthResponse(report.Status, ApiVersion.Current, host.Name, time.GetUtcNow(), report.Stores));
    }

    public static async Task<Ok<List<string>>> Symbols(Watchlists watchlists, CancellationToken cancellationToken) =>
        TypedResults.Ok(await watchlists.KnownSymbolsAsync(cancellationToken));

    /// <summary>A problem when the symbol is malformed (400) or in no watchlist (404); null when it can be served.</summary>
    public static async Task<ProblemHttpResult?> CheckSymbolAsync(string symbol, Watchlists watchlists, CancellationToken cancellationToken) =>
        await watchlists.CheckSymbolAsync(symbol, cancellationToken) is { } error ? ApiProblem.From(error) : null;

    public static async Task<Results<Ok<Watchlist>, ProblemHttpResult>> GetWatchlist(string name, Watchlists watchlists, CancellationToken cancellationToken) =>
        Answer(await watchlists.GetAsync(name, cancellationToken));

    public static async Task<Results<Ok<Watchlist>, ProblemHttpResult>> PutWatchlist(string name, HttpRequest request, Watchlists watchlists, CancellationToken cancellationToken)
    {
        WatchlistUpdate? update;
        try
        {
            update = await JsonSerializer.DeserializeAsync<WatchlistUpdate>(request.Body, JsonSerializerOptions.Web, cancellationToken);
        }
        catch (JsonException ex)
        {
            return ApiProblem.BadRequest("body", $"malformed JSON at {ex.Path ?? "$"} (line {ex.LineNumber + 1}): expected {{\"symbols\":[\"AAPL\",...]}}");
        }

        return Answer(await watchlists.PutAsync(name, update?.Symbols, cancellationToken));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteWatchlist(string name, Watchlists watchlists, CancellationToken cancellationToken) =>
        await watchlists.DeleteAsync(name, cancellationToken) is { } error ? ApiProblem.From(error) : TypedResults.NoContent();

    /// <summary>
    /// Bars of a symbol that open in [from, to) (default: the last limit bar intervals before now); the response names
    /// that window aligned to the bar grid. A strong ETag; If-None-Match with it answers 304 until a bar changes.
    /// </summary>
    public static async Task<Results<SerializedJsonResult<BarsResponse>, ProblemHttpResult>> Bars(
        string symbol, string? timeframe, string? from, string? to, string? limit, string? continuationToken,
        MarketBars bars, Watchlists watchlists, ApiOptions options, BarsResponseCache cache, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await CheckSymbolAsync(symbol, watchlists, cancellationToken) is { } problem)
        {
            return problem;
        }

        if (!QueryParsing.TryTimeframe(timeframe, Timeframe.OneMinute, out var tf, out var error))
        {
            return ApiProblem.BadRequest("timeframe", error);
        }

        if (!QueryParsing.TryLimit(limit, 500, options.MaxBarsPerRequest, out var pageSize, out error))
        {
            return ApiProblem.BadRequest("limit", error);
        }

        if (!QueryParsing.TryTime(from, out var fromTime, out error))
        {
            return ApiProblem.BadRequest("from", error);
        }

        if (!QueryParsing.TryTime(to, out var toTime, out error))
        {
            return ApiProblem.BadRequest("to", error);
        }

        var end = toTime ?? time.GetUtcNow().UtcDateTime;
        var start = fromTime ?? end - TimeSpan.FromTicks(tf.Ticks * pageSize);
        if (start >= end)
        {
            return ApiProblem.BadRequest("from", $"the range is inverted or empty: from {start:O} is not before to {end:O}");
        }

        if ((end - start).Ticks / tf.Ticks > options.MaxBarsPerRequest)
        {
            return ApiProblem.BadRequest("to", $"the range covers more than {options.MaxBarsPerRequest.ToString(CultureInfo.InvariantCulture)} {tf} bars; narrow it or page with limit");
        }

        // Served from the cache while no bar of the symbol has been written since (BarsResponseCache). Stored bars open on
        // the grid, so [from, to) and the aligned window hold the same bars, and requests seconds apart share an entry. A
        // coarser timeframe than the ingested one may be resampled from it: its last bar then ends on the ingested grid.
        var key = new BarsCacheKey(symbol, tf.Minutes, Ceiling(tf, start), Ceiling(bars.IsResampled(tf) ? bars.Ingested : tf, end), pageSize, continuationToken);
        var json = await cache.GetOrCreateAsync(key, ct => ReadBarsAsync(key, tf, bars, ct), cancellationToken);
        return new SerializedJsonResult<BarsResponse>(json);
    }

    private static async Task<BarsResponse> ReadBarsAsync(BarsCacheKey key, Timeframe tf, MarketBars bars, CancellationToken cancellationToken)
    {
        if (key.From >= key.To)
        {
            // No bar opens on the grid inside the requested range.
            return new BarsResponse(key.Symbol, tf.ToString(), key.From, key.To, [], null);
        }

        var (found, token) = await bars.PageAsync(new Symbol(key.Symbol), tf, key.From, key.To, key.Limit, key.ContinuationToken, cancellationToken);
        var dtos = found.Select(b => new BarDto(b.OpenTime, b.Open, b.High, b.Low, b.Close, b.Volume, b.Trades)).ToList();
        return new BarsResponse(key.Symbol, tf.ToString(), key.From, key.To, dtos, token);
    }

    /// <summary>The first bar start of <paramref name="grid"/> at or after <paramref name="time"/> (the time itself near the end of the calendar).</summary>
    internal static DateTime Ceiling(Timeframe grid, DateTime time)
    {
        var start = grid.BucketStart(time);
        return start == time || time.Ticks > DateTime.MaxValue.Ticks - grid.Ticks ? time : start.AddTicks(grid.Ticks);
    }

    /// <summary>Orchestration runs of a UTC day (default today), newest first, optionally of one kind.</summary>
    public static async Task<Results<Ok<List<RunRecord>>, ProblemHttpResult>> Runs(string? kind, string? day, SystemHistory history, CancellationToken cancellationToken) =>
        Answer(await history.RunsAsync(kind, day, cancellationToken));

    /// <summary>200 with the use case's value, or its refusal as a problem.</summary>
    public static Results<Ok<T>, ProblemHttpResult> Answer<T>(UseCaseResult<T> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Succeeded ? TypedResults.Ok(result.Value) : ApiProblem.From(result.Error);
    }
}
