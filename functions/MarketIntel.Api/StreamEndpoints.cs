using MarketIntel.Core.Market;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MarketIntel.Api;

/// <summary><c>GET /api/stream</c>: bar, run, order and fill events as server-sent events (see <see cref="EventStreamResult"/>).</summary>
public static class StreamEndpoints
{
    public const string LastEventIdHeader = "Last-Event-ID";

    /// <summary>
    /// Server-sent events of this host: <c>bar</c> (forming and closed bars as they are written), <c>run</c> (a pipeline
    /// run changed status), <c>order</c> and <c>fill</c> (paper trading), <c>reset</c> (the resumption id is too old:
    /// reload). <c>symbols</c> (comma-separated) selects the bar events; the others are always sent. Resume with the
    /// <c>Last-Event-ID</c> header (EventSource sends it) or the <c>lastEventId</c> query. Heartbeat comments keep the
    /// stream alive; a client that falls too far behind is dropped and reconnects. Per instance in Azure.
    /// </summary>
    public static Results<EventStreamResult, ProblemHttpResult> Stream(
        string? symbols, string? lastEventId, [FromHeader(Name = LastEventIdHeader)] string? lastEventIdHeader, LiveEvents live, ApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(options);
        HashSet<string>? wanted = null;
        if (symbols is not null)
        {
            wanted = new HashSet<string>(StringComparer.Ordinal);
            var parts = symbols.Split(',');
            if (parts.Length > options.MaxWatchlistSymbols)
            {
                return BadRequest("symbols", $"at most {options.MaxWatchlistSymbols} symbols");
            }

            for (var i = 0; i < parts.Length; i++)
            {
                var symbol = parts[i].Trim();
                if (!Symbol.IsValid(symbol, out var why))
                {
                    return BadRequest("symbols", $"entry {i + 1} ('{symbol}'): {why}");
                }

                wanted.Add(symbol);
            }
        }

        // The header wins: EventSource sends it on its own reconnects, while the query is what a page opening a new
        // EventSource can carry over (EventSource cannot set headers).
        var resume = string.IsNullOrEmpty(lastEventIdHeader) ? (string.IsNullOrEmpty(lastEventId) ? null : lastEventId) : lastEventIdHeader;
        Func<StreamEvent, bool>? filter = wanted is null ? null : e => e is not BarStreamEvent bar || wanted.Contains(bar.Symbol);
        return new EventStreamResult(live, filter, resume);
    }

    private static ProblemHttpResult BadRequest(string parameter, string detail) => TypedResults.Problem(
        title: "Invalid request", detail: $"{parameter}: {detail}", statusCode: StatusCodes.Status400BadRequest,
        extensions: new Dictionary<string, object?> { ["parameter"] = parameter });
}
