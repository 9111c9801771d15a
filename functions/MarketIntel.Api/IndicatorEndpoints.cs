using MarketIntel.Core.Indicators;
using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Market;
using MarketIntel.Pipeline.Application;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MarketIntel.Api;

/// <summary>
/// <c>GET /api/indicators</c> (the catalog, which drives the dashboard's pickers) and <c>GET /api/indicators/{symbol}</c>
/// (any catalog specs over stored bars, aligned with the bar times, null while warming up).
/// </summary>
public static class IndicatorEndpoints
{
    /// <summary>Most specs one request may evaluate.</summary>
    public const int MaxSpecs = 12;

    /// <summary>Extra bars read before the window so that indicators are warm inside it (capped: some warm-ups are unbounded).</summary>
    public const int MaxWarmUpBars = 1000;

    public static Ok<List<IndicatorInfo>> Catalog() => TypedResults.Ok(IndicatorCatalog.All.Select(d =>
    {
        var overlay = IndicatorPlacement.OverlayColumns(d.Name);
        return new IndicatorInfo(d.Name, d.Title, d.Category, overlay.Contains(d.Outputs[0]), d.RequiresMarket,
            [.. d.Parameters.Select(p => new IndicatorParameterInfo(p.Name, p.Kind.ToString().ToLowerInvariant(), p.Default, p.Min, p.Max, p.Choices))],
            d.Outputs, d.Pattern);
    }).ToList());

    public static async Task<Results<SerializedJsonResult<IndicatorsResponse>, ProblemHttpResult>> Evaluate(
        string symbol, string? timeframe, string[]? spec, string? to, string? limit,
        MarketBars bars, Watchlists watchlists, ApiOptions options, BarsResponseCache cache, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await MarketIntelApi.CheckSymbolAsync(symbol, watchlists, cancellationToken) is { } problem)
        {
            return problem;
        }

        if (!QueryParsing.TryTimeframe(timeframe, Timeframe.OneMinute, out var tf, out var error))
        {
            return ApiProblem.BadRequest("timeframe", error);
        }

        if (!QueryParsing.TryLimit(limit, 500, Math.Min(options.MaxBarsPerRequest, 5000), out var count, out error))
        {
            return ApiProblem.BadRequest("limit", error);
        }

        if (!QueryParsing.TryTime(to, out var toTime, out error))
        {
            return ApiProblem.BadRequest("to", error);
        }

        if (spec is null || spec.Length == 0)
        {
            return ApiProblem.BadRequest("spec", "give at least one spec, e.g. ?spec=rsi_14&spec=bb_20_2 (GET /api/indicators lists the catalog)");
        }

        if (spec.Length > MaxSpecs)
        {
            return ApiProblem.BadRequest("spec", $"at most {MaxSpecs} specs per request");
        }

        var specs = new List<IndicatorSpec>();
        for (var i = 0; i < spec.Length; i++)
        {
            try
            {
                var parsed = IndicatorCatalog.Parse(spec[i]);
                if (parsed.Definition.RequiresMarket)
                {
                    return ApiProblem.BadRequest($"spec[{i}]", $"'{spec[i]}' compares two series; this route evaluates one symbol's bars");
                }

                specs.Add(parsed);
            }
            catch (ArgumentException ex)
            {
                return ApiProblem.BadRequest($"spec[{i}]", ex.Message.Split(" (Parameter")[0]);
            }
        }

        // Served from the cache while no bar of the symbol has been written since, as the bars route is: the response is a
        // function of the stored bars and the window, and the window's end is aligned to the grid the bars open on.
        var end = MarketIntelApi.Ceiling(bars.IsResampled(tf) ? bars.Ingested : tf, toTime ?? time.GetUtcNow().UtcDateTime);
        var key = new IndicatorsCacheKey(symbol, tf.Minutes, end, count, string.Join('&', specs.Select(s => s.Text)));
        var json = await cache.GetOrCreateAsync(key, symbol, ct => EvaluateAsync(symbol, tf, specs, end, count, bars, ct), cancellationToken);
        return new SerializedJsonResult<IndicatorsResponse>(json);
    }

    private static async Task<IndicatorsResponse> EvaluateAsync(string symbol, Timeframe tf, List<IndicatorSpec> specs, DateTime end, int count, MarketBars bars, CancellationToken cancellationToken)
    {
        var warmUp = Math.Min(MaxWarmUpBars, specs.Max(s => s.WarmUp));
        var history = await bars.LastAsync(new Symbol(symbol), tf, count + warmUp, end, cancellationToken);
        var first = Math.Max(0, history.Count - count);
        var series = BarSeries.From(history);
        var results = new List<IndicatorSeries>(specs.Count);
        foreach (var s in specs)
        {
            var output = s.Evaluate(series);
            var overlay = IndicatorPlacement.OverlayColumns(s.Definition.Name);
            var columns = output.Columns.Select(c => new IndicatorColumnValues(c.Name, overlay.Contains(c.Name), Aligned(output, c, history.Count)[first..])).ToList();
            results.Add(new IndicatorSeries(s.Text, s.Definition.Name, s.Definition.Title, overlay.Contains(s.Definition.Outputs[0]), s.WarmUp, columns));
        }

        return new IndicatorsResponse(symbol, tf.ToString(), [.. history.Skip(first).Select(b => b.OpenTime)], results);
    }

    /// <summary>Values per bar; entries that emit rows on some bars only (SourceIndex) leave the other bars null.</summary>
    private static double?[] Aligned(IndicatorOutput output, IndicatorColumn column, int bars)
    {
        var values = new double?[bars];
        for (var row = 0; row < column.Count; row++)
        {
            var bar = output.BarIndex(row);
            if (bar >= 0 && bar < bars)
            {
                values[bar] = double.IsFinite(column.Values[row]) ? column.Values[row] : null;
            }
        }

        return values;
    }
}
