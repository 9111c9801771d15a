using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace MarketIntel.Api;

/// <summary>
/// Writes pre-serialized JSON with its ETag, or 304 Not Modified without a body when the request's
/// <c>If-None-Match</c> names that tag (weak comparison, as RFC 9110 prescribes for If-None-Match) or is <c>*</c>.
/// <c>Cache-Control: private, no-cache</c>: clients may keep the body but must revalidate every time (a new bar can
/// arrive at any moment), and shared caches must not keep it (reads may need a key).
/// </summary>
/// <typeparam name="TValue">
/// The type the bytes were serialized from: declared as the 200 response's schema, so the OpenAPI document describes the
/// body although the result never sees the value (the cache keeps bytes, not objects).
/// </typeparam>
public sealed class SerializedJsonResult<TValue>(SerializedJson json) : IResult, IEndpointMetadataProvider
{
    public const string CacheControl = "private, no-cache";

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(TValue), ["application/json"]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status304NotModified, typeof(void), []));
    }

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
