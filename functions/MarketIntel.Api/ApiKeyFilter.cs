using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace MarketIntel.Api;

/// <summary>
/// Requires a key of at least <paramref name="access"/> scope in <c>x-api-key</c>. Failed attempts are limited per client
/// address (<see cref="FailuresPerWindow"/> per <see cref="Window"/>): past that the address gets 429 with Retry-After
/// until the window ends, even with a right key, so keys cannot be guessed at speed.
/// </summary>
public sealed class ApiKeyFilter(ApiKeyring keyring, ApiAccess access, PartitionedRateLimiter<IPAddress> failures) : IEndpointFilter
{
    public const string Header = "x-api-key";

    public const int FailuresPerWindow = 10;

    public static TimeSpan Window { get; } = TimeSpan.FromMinutes(1);

    /// <summary>The per-address limiter of failed attempts one host shares across its routes.</summary>
    public static PartitionedRateLimiter<IPAddress> CreateFailureLimiter() => PartitionedRateLimiter.Create<IPAddress, IPAddress>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions { PermitLimit = FailuresPerWindow, Window = Window, QueueLimit = 0 }));

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var address = context.HttpContext.Connection.RemoteIpAddress ?? IPAddress.None;
        if (failures.GetStatistics(address)?.CurrentAvailablePermits == 0)
        {
            return TooManyFailures(context.HttpContext);
        }

        if (keyring.Keys.Count == 0)
        {
            return ApiProblem.Unauthorized("this host has no API key configured (Api:Key or Api:Keys), so these routes are disabled");
        }

        var given = context.HttpContext.Request.Headers[Header].ToString();
        var key = given.Length == 0 ? null : keyring.Match(given);
        if (key is null)
        {
            // Only unknown keys count towards the lock-out: they are what guessing looks like.
            using var lease = failures.AttemptAcquire(address);
            return ApiProblem.Unauthorized($"a valid '{Header}' header is required for this route");
        }

        if (access == ApiAccess.Write && key.Scope != ApiAccess.Write)
        {
            return ApiProblem.Forbidden($"the key '{key.Name}' may only read; this route needs a key with the Write scope");
        }

        return await next(context);
    }

    private static IResult TooManyFailures(HttpContext http)
    {
        http.Response.Headers.RetryAfter = ((int)Window.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return Results.Problem(title: "Too many failed attempts", statusCode: StatusCodes.Status429TooManyRequests,
            detail: $"more than {FailuresPerWindow} requests with a missing or wrong '{Header}' from this address within {Window.TotalSeconds:0} s; try again later");
    }
}
