using System.Net;
using MarketIntel.Ingestion.Metrics;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace MarketIntel.Ingestion.Http;

/// <summary>
/// One provider's resilience pipeline, built from Microsoft.Extensions.Http.Resilience's HTTP strategy options on the
/// injected clock: retry (exponential backoff with jitter, or the server's <c>Retry-After</c> on 429/503 and Binance's
/// 418, or the breaker's remaining break) around a circuit breaker, around the client-side rate limiter (so every attempt
/// takes a token), around a per-attempt timeout.
/// </summary>
public static class ProviderResiliencePipeline
{
    public static ResiliencePipeline<HttpResponseMessage> Build(
        string provider,
        ProviderResilienceOptions options,
        ClientRateLimiter limiter,
        TimeProvider timeProvider,
        IngestionMetrics metrics,
        Func<string, ValueTask>? onBreakerChanged = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(limiter);
        ArgumentNullException.ThrowIfNull(metrics);
        options.Validate();
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider, Name = provider };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRetryDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome)),
                // The library's Retry-After generator reads dates on the system clock, has no cap and knows no open breaker.
                DelayGenerator = args => ValueTask.FromResult(ServerDelay(args.Outcome, options, timeProvider)),
                OnRetry = _ =>
                {
                    metrics.Retry(provider);
                    return ValueTask.CompletedTask;
                },
            });
        }

        builder.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = options.BreakerFailureRatio,
            MinimumThroughput = options.BreakerMinimumThroughput,
            SamplingDuration = options.BreakerSamplingDuration,
            BreakDuration = options.BreakDuration,
            // Not the library's transient set: throttling (429, 418) is waited out through Retry-After, not counted as a failure.
            ShouldHandle = args => ValueTask.FromResult(IsFailure(args.Outcome)),
            OnOpened = _ => BreakerChanged(provider, BreakerStates.Open, metrics, onBreakerChanged),
            OnHalfOpened = _ => BreakerChanged(provider, BreakerStates.HalfOpen, metrics, onBreakerChanged),
            OnClosed = _ => BreakerChanged(provider, BreakerStates.Closed, metrics, onBreakerChanged),
        });
        builder.AddRateLimiter(new HttpRateLimiterStrategyOptions
        {
            RateLimiter = async args =>
            {
                var lease = await limiter.AcquireAsync(args.Context.CancellationToken).ConfigureAwait(false);
                if (lease.IsAcquired)
                {
                    metrics.Request(provider);
                }

                return lease;
            },
        });
        builder.AddTimeout(new HttpTimeoutStrategyOptions { Timeout = options.AttemptTimeout });
        return builder.Build();
    }

    /// <summary>
    /// Statuses worth another attempt: timeouts, throttling (429, Binance's 418 ban) and server errors. Hand-written: the
    /// library's set lacks 418 and retries 501 Not Implemented.
    /// </summary>
    public static bool IsTransient(HttpStatusCode status) => status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or (HttpStatusCode)418
        or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    /// <summary>The wait a response asks for (<c>Retry-After</c> as seconds or a date), or null.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(response);
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? (date > now ? date - now : TimeSpan.Zero) : null;
    }

    /// <summary>The library's transient exceptions (connection failures, attempt timeouts), plus bodies that broke off and an open breaker.</summary>
    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome) => outcome.Exception switch
    {
        null => outcome.Result is { } response && IsTransient(response.StatusCode),
        IOException or BrokenCircuitException => true,
        _ => HttpClientResiliencePredicates.IsTransient(outcome),
    };

    /// <summary>What the breaker counts as a failure: server errors, timeouts and broken connections.</summary>
    private static bool IsFailure(Outcome<HttpResponseMessage> outcome) => outcome.Exception switch
    {
        null => outcome.Result is { } response && (int)response.StatusCode >= 500,
        TimeoutRejectedException or HttpRequestException or IOException => true,
        _ => false,
    };

    private static TimeSpan? ServerDelay(Outcome<HttpResponseMessage> outcome, ProviderResilienceOptions options, TimeProvider timeProvider)
    {
        if (outcome.Exception is BrokenCircuitException { RetryAfter: { } remaining })
        {
            // Wait out the break (a little past it, so the probe is allowed) instead of failing fast again.
            return remaining + TimeSpan.FromMilliseconds(20);
        }

        if (outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or (HttpStatusCode)418 } response
            && RetryAfter(response, timeProvider.GetUtcNow()) is { } asked)
        {
            return asked < options.MaxRetryAfter ? asked : options.MaxRetryAfter;
        }

        return null;
    }

    private static async ValueTask BreakerChanged(string provider, string state, IngestionMetrics metrics, Func<string, ValueTask>? observer)
    {
        metrics.BreakerStateChanged(provider, state);
        if (observer is not null)
        {
            await observer(state).ConfigureAwait(false);
        }
    }
}
