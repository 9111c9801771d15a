using System.Text.Json;
using MarketIntel.Core.Scanning;
using MarketIntel.Pipeline.Application;
using MarketIntel.Pipeline.Ports;
using MarketIntel.Pipeline.ReadModels;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MarketIntel.Api;

/// <summary>
/// Scans: <c>GET /api/strategies</c>, <c>POST /api/scans</c> (202, idempotent per request and minute),
/// <c>GET /api/scans</c>, <c>GET /api/scans/{id}</c>, <c>GET /api/setups</c> and <c>GET /api/outcomes</c>, over the
/// <see cref="ScanRuns"/> use cases.
/// </summary>
public static class ScanEndpoints
{
    public static Ok<List<StrategyInfo>> Strategies() => TypedResults.Ok(StrategyCatalog.Describe()
        .Select(s => new StrategyInfo(s.Name, s.Title, [.. s.Parameters.Select(p => new StrategyParameterInfo(p.Name, p.Default))])).ToList());

    public static async Task<Results<Accepted<RunAccepted>, ProblemHttpResult>> StartScan(
        HttpRequest request, ScanRuns scans, IOrchestrationStarter starter, CancellationToken cancellationToken)
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

        var started = await scans.StartAsync(body, starter, cancellationToken);
        if (!started.Succeeded)
        {
            return ApiProblem.From(started.Error);
        }

        var statusUrl = $"/api/scans/{started.Value.Id}";
        return TypedResults.Accepted(statusUrl, new RunAccepted(started.Value.Id, started.Value.Status, statusUrl));
    }

    public static async Task<Results<Ok<List<ScanSummary>>, ProblemHttpResult>> ListScans(string? limit, ScanRuns scans, CancellationToken cancellationToken)
    {
        if (!QueryParsing.TryLimit(limit, 20, 200, out var count, out var error))
        {
            return ApiProblem.BadRequest("limit", error);
        }

        var runs = await scans.ListAsync(count, cancellationToken);
        return TypedResults.Ok(runs.Select(r => new ScanSummary(r.Id, r.Name, r.Status, r.CreatedAt, r.CompletedAt, r.Universe.Count, r.Setups?.Count, r.Reason)).ToList());
    }

    public static async Task<Results<OkJson<ScanRunDocument>, ProblemHttpResult>> GetScan(string id, ScanRuns scans, CancellationToken cancellationToken)
    {
        var found = await scans.GetAsync(id, cancellationToken);
        return found.Succeeded ? Json(found.Value) : ApiProblem.From(found.Error);
    }

    public static async Task<Results<OkJson<ScanSetupsResponse>, ProblemHttpResult>> Setups(string? scan, string? limit, ScanRuns scans, CancellationToken cancellationToken)
    {
        if (!QueryParsing.TryLimit(limit, 50, ScanRuns.MaxSetups, out var count, out var error))
        {
            return ApiProblem.BadRequest("limit", error);
        }

        var found = await scans.CompletedAsync(scan, cancellationToken);
        if (!found.Succeeded)
        {
            return ApiProblem.From(found.Error);
        }

        var run = found.Value;
        return Json(new ScanSetupsResponse(run.Id, run.Name, run.CreatedAt, [.. (run.Setups ?? []).Take(count)]));
    }

    public static async Task<Results<OkJson<ScanOutcomesResponse>, ProblemHttpResult>> Outcomes(string? scan, ScanRuns scans, CancellationToken cancellationToken)
    {
        var found = await scans.CompletedAsync(scan, cancellationToken);
        if (!found.Succeeded)
        {
            return ApiProblem.From(found.Error);
        }

        var run = found.Value;
        return Json(new ScanOutcomesResponse(run.Id, run.Name, run.CreatedAt, run.HistoryCount, run.Statistics, run.Setups ?? []));
    }

    /// <summary>Scan payloads hold NaN forward returns for open setups, and enum names.</summary>
    private static OkJson<T> Json<T>(T value) => new(value, ScanRuns.Json);
}
