using Microsoft.AspNetCore.Http;

namespace MarketIntel.Functions.Http;

/// <summary>
/// Writes a shared handler's <see cref="IResult"/> to the ASP.NET Core response of the HTTP trigger, so the Functions
/// app answers with exactly the status, headers and JSON of the local host's minimal APIs.
/// </summary>
public static class HttpResultWriter
{
    public static async Task WriteAsync(this HttpRequest request, Task<IResult> result)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(result);
        await (await result).ExecuteAsync(request.HttpContext);
    }

    /// <summary>For handlers with declared result types (<c>Results&lt;Ok&lt;T&gt;, ProblemHttpResult&gt;</c>, which the OpenAPI document describes).</summary>
    public static async Task WriteAsync<TResult>(this HttpRequest request, Task<TResult> result)
        where TResult : IResult
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(result);
        await (await result).ExecuteAsync(request.HttpContext);
    }

    public static Task WriteAsync(this HttpRequest request, IResult result)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(result);
        return result.ExecuteAsync(request.HttpContext);
    }

    /// <summary>A query parameter, or null when it is absent or empty (the handlers' notion of "not given").</summary>
    public static string? Query(this HttpRequest request, string name)
    {
        ArgumentNullException.ThrowIfNull(request);
        var value = request.Query[name].ToString();
        return value.Length == 0 ? null : value;
    }
}
