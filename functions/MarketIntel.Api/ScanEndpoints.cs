using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MarketIntel.Core.Scanning;
using MarketIntel.Core.Storage;
using MarketIntel.Pipeline.Activities;
using MarketIntel.Pipeline.Local;
using MarketIntel.Pipeline.Orchestrations;
using MarketIntel.Pipeline.Scheduling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace MarketIntel.Api;

/// <summary>
/// Scans: <c>GET /api/strategies</c>, <c>POST /api/scans</c> (202, idempotent per request and minute),
/// <c>GET /api/scans</c>, <c>GET /api/scans/{id}</c>, <c>GET /api/setups</c> and <c>GET /api/outcomes</c>.
/// </summary>
public static class ScanEndpoints
{
    public static Ok<List<StrategyInfo>> Strategies() => TypedResults.Ok(StrategyCatalog.Describe()
        .Select(s => new StrategyInfo(s.Name, s.Title, [.. s.Parameters.Select(p => new StrategyParameterInfo(p.Name, p.Default))])).ToList());

    public static async Task<Results<Accepted<RunAccepted>, ProblemHttpResult>> StartScan(
        HttpRequest request, IRecordStore records, IOrchestrationStarter starter, PipelineTriggers triggers, ApiOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        ScanRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<ScanRequest>(request.Body, JsonSerializerOptions.Web, cancellationToken);
        }
        catch (JsonException ex)
        {
            return ApiProblem.BadRequest("body", $"malformed JSON at {ex.Path ?? "$"} (line {ex.LineNumber + 1}): expected {{\"strategy\":\"ema-cross\"}} or {{\"definition\":{{...}}}}");
        }

        if (body is null || (body.Strategy is null) == (body.Definition is null))
        {
            return ApiProblem.BadRequest("body", $"give either \"strategy\" (one of {string.Join(", ", StrategyCatalog.Names)}) or \"definition\" (a scan definition)");
        }

        ScanDefinition definition;
        try
        {
            definition = body.Strategy is not null
                ? ScheduledRuns.BuiltInScan(body.Strategy, body.Parameters, body.Timeframe ?? triggers.Settings.Timeframe.ToString())
                : ScanDefinition.Parse(body.Definition!.Value.GetRawText());
            if (body.Definition is not null && body.Timeframe is not null)
            {
                return ApiProblem.BadRequest("timeframe", "with a definition, set \"timeframe\" inside it");
            }

            definition.Validate();
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or JsonException or ScanSyntaxException)
        {
            return ApiProblem.BadRequest(body.Strategy is not null ? "strategy" : "definition", ex.Message.Split(" (Parameter")[0]);
        }

        var universe = body.Universe ?? (definition.Universe.Count > 0 ? definition.Universe : await triggers.UniverseAsync(cancellationToken));
        if (universe.Count == 0)
        {
            return ApiProblem.BadRequest("universe", $"no symbols: give \"universe\" or fill the watchlist '{triggers.Settings.Watchlist}'");
        }

        if (universe.Count > options.MaxWatchlistSymbols)
        {
            return ApiProblem.BadRequest("universe", $"at most {options.MaxWatchlistSymbols} symbols per scan");
        }

        var known = await MarketIntelApi.KnownSymbolsAsync(records, options, cancellationToken);
        if (universe.FirstOrDefault(s => !known.Contains(s)) is { } unknown)
        {
            return ApiProblem.NotFound($"unknown symbol '{unknown}' in the universe: add it to a watchlist first");
        }

        // The same request within the same minute names the same run: a retried POST does not scan twice, while a
        // failed or interrupted run of it is started again under that id.
        var now = time.GetUtcNow().UtcDateTime;
        var json = ScheduledRuns.AsJson(definition);
        var id = RunId(json, universe, now);
        var statusUrl = $"/api/scans/{id}";
        var runs = new ScanRunStore(records);
        if (await runs.GetRunAsync(id, cancellationToken) is { } existing && existing.Run.Status is RunStatus.Running or RunStatus.Completed)
        {
            return TypedResults.Accepted(statusUrl, new RunAccepted(id, existing.Run.Status, statusUrl));
        }

        var created = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        await runs.SaveRunAsync(new ScanRunDocument(id, definition.Name, RunStatus.Running, created, null, definition.Timeframe, universe, [], 0, 0, null, null, json),
            JsonSerializer.SerializeToElement(body, JsonSerializerOptions.Web), cancellationToken: cancellationToken);
        await starter.StartAsync(ScanOrchestration.Name, id, new ScanRunRequest(id, json, universe, triggers.Settings.BatchSize), cancellationToken);
        return TypedResults.Accepted(statusUrl, new RunAccepted(id, RunStatus.Running, statusUrl));
    }

    public static string RunId(JsonElement definition, IReadOnlyList<string> universe, DateTime nowUtc)
    {
        var canonical = definition.GetRawText() + "\n" + string.Join(",", universe) + "\n" + nowUtc.ToString("yyyyMMddHHmm", System.Globalization.CultureInfo.InvariantCulture);
        return "scan-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)), 0, 10).ToLowerInvariant();
    }

    public static async Task<Results<Ok<List<ScanSummary>>, ProblemHttpResult>> ListScans(string? limit, IRecordStore records, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!QueryParsing.TryLimit(limit, 20, 200, out var count, out var error))
        {
            return ApiProblem.BadRequest("limit", error);
        }

        var runs = new ScanRunStore(records);
        var result = new List<ScanSummary>();
        foreach (var listing in await runs.ListAsync(time.GetUtcNow().UtcDateTime, count, cancellationToken))
        {
            if (await runs.GetRunAsync(listing.RunId, cancellationToken) is { } found)
            {
                result.Add(new ScanSummary(found.Run.Id, found.Run.Name, found.Run.Status, found.Run.CreatedAt, found.Run.CompletedAt, found.Run.Universe.Count, found.Run.Setups?.Count, found.Run.Reason));
            }
        }

        return TypedResults.Ok(result);
    }

    public static async Task<Results<OkJson<ScanRunDocument>, ProblemHttpResult>> GetScan(string id, IRecordStore records, CancellationToken cancellationToken)
    {
        if (!ValidRunId(id))
        {
            return ApiProblem.BadRequest("id", $"'{id}' is not a scan run id");
        }

        var found = await new ScanRunStore(records).GetRunAsync(id, cancellationToken);
        return found is null ? ApiProblem.NotFound($"scan run '{id}' does not exist") : Json(found.Value.Run);
    }

    public static async Task<Results<OkJson<ScanSetupsResponse>, ProblemHttpResult>> Setups(string? scan, string? limit, IRecordStore records, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!QueryParsing.TryLimit(limit, 50, ScanActivities.MaxRankedSetups, out var count, out var error))
        {
            return ApiProblem.BadRequest("limit", error);
        }

        var (run, problem) = await FindAsync(scan, records, time, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        return Json(new ScanSetupsResponse(run!.Id, run.Name, run.CreatedAt, [.. (run.Setups ?? []).Take(count)]));
    }

    public static async Task<Results<OkJson<ScanOutcomesResponse>, ProblemHttpResult>> Outcomes(string? scan, IRecordStore records, TimeProvider time, CancellationToken cancellationToken)
    {
        var (run, problem) = await FindAsync(scan, records, time, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        return Json(new ScanOutcomesResponse(run!.Id, run.Name, run.CreatedAt, run.HistoryCount, run.Statistics, run.Setups ?? []));
    }

    private static async Task<(ScanRunDocument? Run, ProblemHttpResult? Problem)> FindAsync(string? scan, IRecordStore records, TimeProvider time, CancellationToken cancellationToken)
    {
        var runs = new ScanRunStore(records);
        if (string.IsNullOrEmpty(scan))
        {
            var latest = await runs.LatestCompletedAsync(time.GetUtcNow().UtcDateTime, cancellationToken);
            return latest is null ? (null, ApiProblem.NotFound("no scan has completed yet")) : (latest, null);
        }

        if (!ValidRunId(scan))
        {
            return (null, ApiProblem.BadRequest("scan", $"'{scan}' is not a scan run id"));
        }

        var found = await runs.GetRunAsync(scan, cancellationToken);
        return found switch
        {
            null => (null, ApiProblem.NotFound($"scan run '{scan}' does not exist")),
            { Run.Status: not RunStatus.Completed } => (null, ApiProblem.Conflict("Not ready",
                $"scan run '{scan}' is {RunStatuses.Name(found.Value.Run.Status)}{(found.Value.Run.Reason is { } reason ? $": {reason}" : string.Empty)}")),
            _ => (found.Value.Run, null),
        };
    }

    private static bool ValidRunId(string id) =>
        id.StartsWith("scan-", StringComparison.Ordinal) && id.Length <= 40 && id.Skip(5).All(char.IsAsciiLetterOrDigit);

    /// <summary>Scan payloads hold NaN forward returns for open setups, and enum names.</summary>
    private static OkJson<T> Json<T>(T value) => new(value, ScanRunStore.Json);
}
