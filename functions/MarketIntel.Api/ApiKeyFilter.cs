using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace MarketIntel.Api;

/// <summary>Requires the configured key in <c>x-api-key</c> on mutating routes; compared in constant time.</summary>
public sealed class ApiKeyFilter(ApiOptions options) : IEndpointFilter
{
    public const string Header = "x-api-key";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var expected = options.Key;
        if (string.IsNullOrEmpty(expected))
        {
            return ValueTask.FromResult<object?>(ApiProblem.Unauthorized("this host has no API key configured (Api:Key), so mutating routes are disabled"));
        }

        var given = context.HttpContext.Request.Headers[Header].ToString();
        if (given.Length == 0 || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected)))
        {
            return ValueTask.FromResult<object?>(ApiProblem.Unauthorized($"a valid '{Header}' header is required for this route"));
        }

        return next(context);
    }
}
