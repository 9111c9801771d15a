using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace MarketIntel.Api;

/// <summary>
/// Reads a request body that must be exactly one JSON object of a declared type: unknown fields are errors (a
/// misspelt limit is refused rather than silently not set), and every failure names the field at fault.
/// </summary>
public static class StrictJsonBody
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    /// <summary>The body, or the exception <paramref name="bad"/> makes of the field at fault and what was wrong with it.</summary>
    public static async Task<T> ReadAsync<T>(HttpRequest request, string example, Func<string, string, Exception> bad, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(bad);
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(request.Body, Options, cancellationToken).ConfigureAwait(false)
                ?? throw bad("body", $"a JSON object is required, e.g. {example}");
        }
        catch (JsonException ex)
        {
            throw bad(ex.Path is { Length: > 2 } path ? path[2..] : "body", $"malformed JSON at {ex.Path ?? "$"}: {ex.Message.Split('.')[0]}");
        }
    }
}
