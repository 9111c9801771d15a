using System.Globalization;

namespace MarketIntel.Brokers.Shared;

/// <summary>
/// How long a venue's 429 asks us to wait: <c>Retry-After</c> (seconds or an HTTP date), else <c>X-Ratelimit-Reset</c>
/// (epoch seconds, Alpaca's header), else null so the caller falls back to its exponential backoff. Shared by every adapter.
/// </summary>
public static class RetryAfterDelay
{
    public static TimeSpan? Of(HttpResponseMessage? response, DateTimeOffset now)
    {
        if (response is null)
        {
            return null;
        }

        if (response.Headers.RetryAfter is { } retryAfter)
        {
            if (retryAfter.Delta is { } delta)
            {
                return delta;
            }

            if (retryAfter.Date is { } date)
            {
                return date > now ? date - now : TimeSpan.Zero;
            }
        }

        if (response.Headers.TryGetValues("X-Ratelimit-Reset", out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch))
        {
            var reset = DateTimeOffset.FromUnixTimeSeconds(epoch);
            return reset > now ? reset - now : TimeSpan.Zero;
        }

        return null;
    }
}
