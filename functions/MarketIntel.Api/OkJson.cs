using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace MarketIntel.Api;

/// <summary>
/// A 200 whose body is written with serializer options of its own (the scan routes: enum names and named float
/// literals, as the scan store writes them), declared as <typeparamref name="TValue"/> in the OpenAPI document.
/// <c>TypedResults.Json</c> writes the same bytes but declares no schema.
/// </summary>
public sealed class OkJson<TValue>(TValue value, JsonSerializerOptions options) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<TValue>
{
    public TValue Value => value;

    object? IValueHttpResult.Value => value;

    public int? StatusCode => StatusCodes.Status200OK;

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(TValue), ["application/json"]));
    }

    public Task ExecuteAsync(HttpContext httpContext) => TypedResults.Json(value, options).ExecuteAsync(httpContext);
}
