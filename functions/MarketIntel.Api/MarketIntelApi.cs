using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using MarketIntel.Pipeline.Activities;
using MarketIntel.Pipeline.Local;
using MarketIntel.Pipeline.Orchestrations;
using MarketIntel.Pipeline.Scheduling;
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

    public static async Task<Ok<List<string>>> Symbols(IRecordStore records, ApiOptions options, CancellationToken cancellationToken) =>
        TypedResults.Ok(await KnownSymbolsAsync(records, options, cancellationToken));

    /// <summary>Known symbols: the union of the owner's watchlists, in ordinal order.</summary>
    public static async Task<List<string>> KnownSymbolsAsync(IRecordStore records, ApiOptions options, CancellationToken cancellationToken)
    {
        var symbols = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var w in records.ReadAllAsync<Watchlist>(RecordKinds.Watchlist, options.Owner, cancellationToken: cancellationToken))
        {
            symbols.UnionWith(w.Payload.Symbols);
        }

        return [.. symbols];
    }

    /// <summary>A problem when the symbol is malformed (400) or in no watchlist (404); null when it can be served.</summary>
    public static async Task<ProblemHttpResult?> CheckSymbolAsync(string symbol, IRecordStore records, ApiOptions options, CancellationToken cancellationToken)
    {
        if (!Symbol.IsValid(symbol, out var why))
        {
            return ApiProblem.BadRequest("symbol", why);
        }

        return (await KnownSymbolsAsync(records, options, cancellationToken)).Contains(symbol)
            ? null
            : ApiProblem.NotFound($"unknown symbol '{symbol}': add it to a watchlist first (GET /api/symbols lists the known ones)");
    }

    public static async Task<Results<Ok<Watchlist>, ProblemHttpResult>> GetWatchlist(string name, IRecordStore records, ApiOptions options, CancellationToken cancellationToken)
    {
        if (!ValidName(name, out var problem))
        {
            return problem;
        }

        var record = await records.GetAsync<Watchlist>(RecordKinds.Watchlist, options.Owner, name, cancellationToken);
        return record is null ? ApiProblem.NotFound($"watchlist '{name}' does not exist") : TypedResults.Ok(record.Payload);
    }

    public static async Task<Results<Ok<Watchlist>, ProblemHttpResult>> PutWatchlist(string name, HttpRequest request, IRecordStore records, ApiOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!ValidName(name, out var problem))
        {
            return problem;
        }

        WatchlistUpdate? update;
        try
        {
            update = await JsonSerializer.DeserializeAsync<WatchlistUpdate>(request.Body, JsonSerializerOptions.Web, cancellationToken);
        }
        catch (JsonException ex)
        {
            return ApiProblem.BadRequest("body", $"malformed JSON at {ex.Path ?? "$"} (line {ex.LineNumber + 1}): expected {{\"symbols\":[\"AAPL\",...]}}");
        }

        if (update?.Symbols is null)
        {
            return ApiProblem.BadRequest("symbols", "the body must be {\"symbols\":[...]}");
        }

        if (update.Symbols.Count > options.MaxWatchlistSymbols)
        {
            return ApiProblem.BadRequest("symbols", $"a watchlist holds at most {options.MaxWatchlistSymbols} symbols");
        }

        var symbols = new List<string>();
        for (var i = 0; i < update.Symbols.Count; i++)
        {
            var s = update.Symbols[i]?.Trim() ?? string.Empty;
            if (!Symbol.IsValid(s, out var why))
            {
                return ApiProblem.BadRequest($"symbols[{i}]", why);
            }

            if (!symbols.Contains(s))
            {
                symbols.Add(s);
            }
        }

        var watchlist = new Watchlist(name, symbols);
        var envelope = new RecordEnvelope<Watchlist>(name, options.Owner, RecordKinds.Watchlist, time.GetUtcNow(),
            JsonSerializer.SerializeToElement(update, JsonSerializerOptions.Web), ApiVersion.Current, "active", watchlist);
        await records.UpsertAsync(envelope, cancellationToken);
        return TypedResults.Ok(watchlist);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteWatchlist(string name, IRecordStore records, ApiOptions options, CancellationToken cancellationToken)
    {
        if (!ValidName(name, out var problem))
        {
            return problem;
        }

        return await records.DeleteAsync(RecordKinds.Watchlist, options.Owner, name, cancellationToken: cancellationToken)
            ? TypedResults.NoContent()
            : ApiProblem.NotFound($"watchlist '{name}' does not exist");
    }

    /// <summary>
    /// Bars of a symbol that open in [from, to) (default: the last limit bar intervals before now); the response names
    /// that window aligned to the bar grid. A strong ETag; If-None-Match with it answers 304 until a bar changes.
    /// </summary>
    public static async Task<Results<SerializedJsonResult<BarsResponse>, ProblemHttpResult>> Bars(
        string symbol, string? timeframe, string? from, string? to, string? limit, string? continuationToken,
        IBarStore bars, IRecordStore records, ApiOptions options, PipelineSettings settings, BarsResponseCache cache, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await CheckSymbolAsync(symbol, records, options, cancellationToken) is { } problem)
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
        var resampled = tf != settings.Timeframe && tf.IsMultipleOf(settings.Timeframe);
        var key = new BarsCacheKey(symbol, tf.Minutes, Ceiling(tf, start), Ceiling(resampled ? settings.Timeframe : tf, end), pageSize, continuationToken);
        var json = await cache.GetOrCreateAsync(key, ct => ReadBarsAsync(key, tf, resampled, bars, settings, ct), cancellationToken);
        return new SerializedJsonResult<BarsResponse>(json);
    }

    private static async Task<BarsResponse> ReadBarsAsync(BarsCacheKey key, Timeframe tf, bool resampled, IBarStore bars, PipelineSettings settings, CancellationToken cancellationToken)
    {
        if (key.From >= key.To)
        {
            // No bar opens on the grid inside the requested range.
            return new BarsResponse(key.Symbol, tf.ToString(), key.From, key.To, [], null);
        }

        var symbol = new Symbol(key.Symbol);
        var page = await bars.ReadAsync(new BarRangeQuery(symbol, tf, key.From, key.To, key.Limit, key.ContinuationToken), cancellationToken);
        var found = page.Items.Select(i => i.Bar).ToList();
        var token = page.ContinuationToken;
        if (found.Count == 0 && key.ContinuationToken is null && resampled)
        {
            // Not stored at this timeframe: built from the ingested one (the newest bar may still be forming).
            found = await BarHistory.ReadRangeAsync(bars, symbol, tf, settings.Timeframe, key.From, key.To, cancellationToken);
            if (found.Count > key.Limit)
            {
                found.RemoveRange(key.Limit, found.Count - key.Limit);
            }
        }

        var dtos = found.Select(b => new BarDto(b.OpenTime, b.Open, b.High, b.Low, b.Close, b.Volume, b.Trades)).ToList();
        return new BarsResponse(key.Symbol, tf.ToString(), key.From, key.To, dtos, token);
    }

    /// <summary>The first bar start of <paramref name="grid"/> at or after <paramref name="time"/> (the time itself near the end of the calendar).</summary>
    private static DateTime Ceiling(Timeframe grid, DateTime time)
    {
        var start = grid.BucketStart(time);
        return start == time || time.Ticks > DateTime.MaxValue.Ticks - grid.Ticks ? time : start.AddTicks(grid.Ticks);
    }

    /// <summary>Orchestration runs of a UTC day (default today), newest first, optionally of one kind.</summary>
    public static async Task<Results<Ok<List<RunRecord>>, ProblemHttpResult>> Runs(string? kind, string? day, IRecordStore records, TimeProvider time, CancellationToken cancellationToken)
    {
        var date = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (!string.IsNullOrEmpty(day) && !DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return ApiProblem.BadRequest("day", $"'{day}' is not a date (yyyy-MM-dd)");
        }

        var partition = RunPartition(date);
        var runs = new List<RunRecord>();
        await foreach (var r in records.ReadAllAsync<RunRecord>(RecordKinds.OrchestrationRun, partition, cancellationToken: cancellationToken))
        {
            if (string.IsNullOrEmpty(kind) || string.Equals(r.Payload.Kind, kind, StringComparison.OrdinalIgnoreCase))
            {
                runs.Add(r.Payload);
            }
        }

        runs.Sort((a, b) => b.StartedUtc.CompareTo(a.StartedUtc));
        return TypedResults.Ok(runs);
    }

    /// <summary>The partition of a day's orchestration runs.</summary>
    public static string RunPartition(DateOnly day) => RunRecordActivities.Partition(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));

    private static bool ValidName(string name, [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            problem = ApiProblem.BadRequest("name", $"'{name}' is not a watchlist name (1-64 letters, digits, - or _)");
            return false;
        }

        problem = null;
        return true;
    }
}
