using MarketIntel.Core.Market;
using MarketIntel.Core.Regimes;
using MarketIntel.Pipeline.Application;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MarketIntel.Api;

/// <summary>
/// <c>GET /api/regimes/{symbol}</c>: a Gaussian HMM fitted (seeded, so the same bars give the same answer) to the
/// symbol's last bars, with each bar's filtered state probabilities (no future bars), the Viterbi path, the
/// transition matrix and the per-state return statistics.
/// </summary>
public static class RegimeEndpoints
{
    public static async Task<Results<Ok<RegimeResponse>, ProblemHttpResult>> Regimes(
        string symbol, string? timeframe, string? states, string? limit,
        MarketBars bars, Watchlists watchlists, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await MarketIntelApi.CheckSymbolAsync(symbol, watchlists, cancellationToken) is { } problem)
        {
            return problem;
        }

        if (!QueryParsing.TryTimeframe(timeframe, Timeframe.OneMinute, out var tf, out var error))
        {
            return ApiProblem.BadRequest("timeframe", error);
        }

        if (!QueryParsing.TryLimit(states, 2, 4, out var k, out error) || k < 2)
        {
            return ApiProblem.BadRequest("states", error ?? "at least 2 states");
        }

        if (!QueryParsing.TryLimit(limit, 500, 3000, out var count, out error))
        {
            return ApiProblem.BadRequest("limit", error);
        }

        var history = await bars.LastAsync(new Symbol(symbol), tf, count + 1, time.GetUtcNow().UtcDateTime, cancellationToken);
        var needed = (k * 20) + 2;
        if (history.Count < needed)
        {
            return ApiProblem.Conflict("Not enough data", $"{symbol} has {history.Count} {tf} bars; a {k}-state model needs at least {needed}");
        }

        RegimeAnalysis analysis;
        try
        {
            analysis = RegimeAnalyzer.Analyze(history, new HmmFitOptions { States = k, Seed = 1 });
        }
        catch (ArgumentException ex)
        {
            return ApiProblem.Conflict("Model could not be fitted", ex.Message);
        }

        var model = analysis.Fit.Model;
        var last = analysis.Confidence[^1];
        return TypedResults.Ok(new RegimeResponse(
            symbol, tf.ToString(), k, [.. history.Skip(1).Select(b => b.OpenTime)], analysis.Filtered, analysis.Viterbi, analysis.Fit.Labels,
            model.Transition, [.. model.Means.Select(m => m[0])], [.. model.Variances.Select(v => Math.Sqrt(v[0]))], analysis.Fit.ExpectedDurations,
            analysis.Fit.LogLikelihood, analysis.Fit.Converged,
            new RegimeNow(last.State, last.Label, last.StateProbability, last.Score)));
    }
}
