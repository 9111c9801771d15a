using MarketIntel.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace MarketIntel.Functions.Http;

/// <summary>
/// <c>GET /api/stream</c> through the ASP.NET Core integration, which streams the response body (server-sent events)
/// rather than buffering it. This instance's events only: in Azure each instance has its own feed.
/// </summary>
public sealed class StreamFunctions(LiveEvents live, ApiOptions options)
{
    [Function("Stream")]
    public Task Stream([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "stream")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.WriteAsync(StreamEndpoints.Stream(request.Query("symbols"), request.Query("lastEventId"),
            request.Headers[StreamEndpoints.LastEventIdHeader].ToString() is { Length: > 0 } header ? header : null, live, options));
    }
}
