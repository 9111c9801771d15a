using System.Text.Json;
using MarketIntel.Pipeline.Application;
using MarketIntel.Pipeline.Engine;
using MarketIntel.Pipeline.Ports;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MarketIntel.Api;

/// <summary>
/// <c>POST /api/risk/montecarlo</c> (202, idempotent) and <c>GET /api/risk/montecarlo/{id}</c>, over the
/// <see cref="MonteCarloRuns"/> use cases.
/// </summary>
public static class RiskEndpoints
{
    public static async Task<Results<Accepted<RunAccepted>, ProblemHttpResult>> StartMonteCarlo(HttpRequest request, MonteCarloRuns runs, IOrchestrationStarter starter, CancellationToken cancellationToken)
    {
        MonteCarloJob? job;
        try
        {
            job = await JsonSerializer.DeserializeAsync<MonteCarloJob>(request.Body, PipelineJson.Options, cancellationToken);
        }
        catch (JsonException ex)
        {
            return ApiProblem.BadRequest("body", $"malformed JSON at {ex.Path ?? "$"}: {ex.Message.Split('.')[0]}");
        }

        var started = await runs.StartAsync(job, starter, cancellationToken);
        if (!started.Succeeded)
        {
            return ApiProblem.From(started.Error);
        }

        var statusUrl = $"/api/risk/montecarlo/{started.Value.Id}";
        return TypedResults.Accepted(statusUrl, new RunAccepted(started.Value.Id, started.Value.Status, statusUrl));
    }

    public static async Task<Results<Ok<MonteCarloStatus>, ProblemHttpResult>> GetMonteCarlo(string id, MonteCarloRuns runs, CancellationToken cancellationToken)
    {
        var found = await runs.GetAsync(id, cancellationToken);
        return found.Succeeded ? TypedResults.Ok(found.Value) : ApiProblem.From(found.Error);
    }
}
