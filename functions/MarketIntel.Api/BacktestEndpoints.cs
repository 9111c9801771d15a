using MarketIntel.Pipeline.Backtesting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MarketIntel.Api;

/// <summary>
/// The backtest routes, thin over <see cref="BacktestRuns"/>: <c>POST /api/backtests</c> runs a built-in strategy over
/// stored bars and records the variant as a trial (so it needs the key); <c>GET /api/backtests/{strategy}/trials</c>
/// lists the variants tried. Bad fields are 400s naming the field; symbols without bars a 404.
/// </summary>
public static class BacktestEndpoints
{
    private const string Example = """{"strategy":"ema-cross","symbols":["BTC-USD"],"timeframe":"1h","bars":500}""";

    public static async Task<Results<Ok<BacktestReport>, ProblemHttpResult>> Run(HttpRequest request, BacktestRuns backtests, CancellationToken cancellationToken)
    {
        try
        {
            var body = await StrictJsonBody.ReadAsync<BacktestRequest>(request, Example, (field, message) => new BacktestRequestException(400, field, message), cancellationToken);
            return TypedResults.Ok(await backtests.RunAsync(body, cancellationToken));
        }
        catch (BacktestRequestException ex)
        {
            return Problem(ex);
        }
    }

    public static async Task<Results<Ok<IReadOnlyList<BacktestTrial>>, ProblemHttpResult>> Trials(string strategy, BacktestRuns backtests, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(await backtests.TrialsAsync(strategy, cancellationToken));
        }
        catch (BacktestRequestException ex)
        {
            return Problem(ex);
        }
    }

    private static ProblemHttpResult Problem(BacktestRequestException ex) => TypedResults.Problem(
        title: ex.Status == 404 ? "Not found" : "Invalid request", detail: $"{ex.Field}: {ex.Detail}", statusCode: ex.Status,
        extensions: new Dictionary<string, object?> { ["parameter"] = ex.Field });
}
