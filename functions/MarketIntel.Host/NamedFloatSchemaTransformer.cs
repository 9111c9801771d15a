using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MarketIntel.Host;

/// <summary>
/// Repairs the schema ASP.NET's generator writes for a number that may also be written as "NaN", "Infinity" or
/// "-Infinity" (named floating-point literals, as scan results are): it puts <c>type: object</c> beside the
/// <c>anyOf</c> of the number and the names, which no value satisfies, so generated clients get an impossible type.
/// Dropping the stray type leaves the <c>anyOf</c> that says what is written.
/// </summary>
public sealed class NamedFloatSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (schema.Type == JsonSchemaType.Object && schema.AnyOf is { Count: > 0 } anyOf && (schema.Properties is null || schema.Properties.Count == 0)
            && anyOf.Any(s => s.Enum is { Count: > 0 } names && names.Any(n => n is JsonValue value && value.TryGetValue<string>(out var name) && name == "NaN")))
        {
            schema.Type = null;
        }

        return Task.CompletedTask;
    }
}
