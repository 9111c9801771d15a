using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace MarketIntel.Api;

/// <summary>
/// Writes pre-serialized JSON with its ETag, or 304 Not Modified without a body when the request's
/// <c>If-None-Match</c> names that tag (weak comparison, as RFC 9110 prescribes for If-None-Match) or is <c>*</c>.
/// <c>Cache-Control: private, no-cache</c>: clients may keep the body but must revalidate every time (a new bar can
/// arrive at any moment), and shared caches must not keep it (reads may need a key).
/// </summary>
public sealed class SerializedJsonResult(SerializedJson json) : IResult
{
    public const string CacheControl = "private, no-cache";

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.Headers.ETag = json.ETag.ToString();
        response.Headers.CacheControl = CacheControl;
        if (NotModified(httpContext.Request))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = json.Utf8.Length;
        return response.Body.WriteAsync(json.Utf8, httpContext.RequestAborted).AsTask();
    }

    private bool NotModified(HttpRequest request)
    {
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            return false;
        }

        var tags = request.GetTypedHeaders().IfNoneMatch;
        foreach (var tag in tags)
        {
            if (tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(json.ETag, useStrongComparison: false))
            {
                return true;
            }
        }

        return false;
    }
}
