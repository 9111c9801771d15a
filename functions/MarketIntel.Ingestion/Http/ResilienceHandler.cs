using System.Net;
using MarketIntel.Ingestion.Metrics;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace MarketIntel.Ingestion.Http;

/// <summary>
/// Runs every request through one provider's resilience pipeline: retry (exponential backoff with jitter, or the
/// server's <c>Retry-After</c> on 429/503, or the breaker's remaining break) around a circuit breaker, around the
/// client-side rate limiter (so every attempt takes a token), around a per-attempt timeout.
/// </summary>
public sealed class ResilienceHandler : DelegatingHandler
{
    private readonly string _provider;
    private readonly ProviderResilienceOptions _options;
    private readonly TimeProvider _time;
    private readonly IngestionMetrics _metrics;
    private readonly ClientRateLimiter _limiter;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly ResiliencePipeline _timeout;

    public ResilienceHandler(string provider, ProviderResilienceOptions options, TimeProvider timeProvider, IngestionMetrics metrics, Func<string, ValueTask>? onBreakerChanged = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _provider = provider;
        _options = options;
        _time = timeProvider;
        _metrics = metrics;
        _limiter = new ClientRateLimiter(provider, options.RequestsPerPeriod, options.RateLimitPeriod, options.RateLimitBurst, timeProvider, metrics);
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider, Name = provider };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRetryDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult(ServerDelay(args.Outcome)),
                OnRetry = _ =>
                {
                    _metrics.Retry(_provider);
                    return ValueTask.CompletedTask;
                },
            });
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
        {
            FailureRatio = options.BreakerFailureRatio,
            MinimumThroughput = options.BreakerMinimumThroughput,
            SamplingDuration = options.BreakerSamplingDuration,
            BreakDuration = options.BreakDuration,
            ShouldHandle = args => ValueTask.FromResult(IsFailure(args.Outcome)),
            OnOpened = _ => BreakerChanged(BreakerStates.Open, onBreakerChanged),
            OnHalfOpened = _ => BreakerChanged(BreakerStates.HalfOpen, onBreakerChanged),
            OnClosed = _ => BreakerChanged(BreakerStates.Closed, onBreakerChanged),
        });
        _pipeline = builder.Build();
        _timeout = new ResiliencePipelineBuilder { TimeProvider = timeProvider }.AddTimeout(options.AttemptTimeout).Build();
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        await _pipeline.ExecuteAsync(
            static async (state, ct) =>
            {
                await state.Self._limiter.AcquireAsync(ct).ConfigureAwait(false);
                state.Self._metrics.Request(state.Self._provider);
                return await state.Self._timeout.ExecuteAsync(
                    static async (inner, token) => await inner.Self.SendInnerAsync(inner.Request, token).ConfigureAwait(false), state, ct).ConfigureAwait(false);
            },
            (Self: this, Request: request),
            cancellationToken).ConfigureAwait(false);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _limiter.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Statuses worth another attempt: timeouts, throttling (429, Binance's 418 ban) and server errors.</summary>
    public static bool IsTransient(HttpStatusCode status) => status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or (HttpStatusCode)418
        or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    /// <summary>The wait a response asks for (<c>Retry-After</c> as seconds or a date), or null.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? (date > now ? date - now : TimeSpan.Zero) : null;
    }

    private Task<HttpResponseMessage> SendInnerAsync(HttpRequestMessage request, CancellationToken cancellationToken) => base.SendAsync(request, cancellationToken);

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome) => outcome.Exception switch
    {
        null => outcome.Result is { } response && IsTransient(response.StatusCode),
        TimeoutRejectedException or BrokenCircuitException or HttpRequestException or IOException => true,
        _ => false,
    };

    /// <summary>What the breaker counts as a failure: server errors, timeouts and broken connections, but not throttling (Retry-After handles that).</summary>
    private static bool IsFailure(Outcome<HttpResponseMessage> outcome) => outcome.Exception switch
    {
        null => outcome.Result is { } response && (int)response.StatusCode >= 500,
        TimeoutRejectedException or HttpRequestException or IOException => true,
        _ => false,
    };

    private TimeSpan? ServerDelay(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Exception is BrokenCircuitException { RetryAfter: { } remaining })
        {
            // Wait out the break (a little past it, so the probe is allowed) instead of failing fast again.
            return remaining + TimeSpan.FromMilliseconds(20);
        }

        if (outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or (HttpStatusCode)418 } response
            && RetryAfter(response, _time.GetUtcNow()) is { } asked)
        {
            return asked < _options.MaxRetryAfter ? asked : _options.MaxRetryAfter;
        }

        return null;
    }

    private async ValueTask BreakerChanged(string state, Func<string, ValueTask>? observer)
    {
        _metrics.BreakerStateChanged(_provider, state);
        if (observer is not null)
        {
            await observer(state).ConfigureAwait(false);
        }
    }
}
