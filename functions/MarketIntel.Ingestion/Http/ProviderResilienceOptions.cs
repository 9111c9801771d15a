namespace MarketIntel.Ingestion.Http;

/// <summary>
/// The resilience settings of one provider's HTTP client: per-attempt timeout, retries with exponential backoff and
/// jitter (honouring <c>Retry-After</c>), a circuit breaker and a client-side token-bucket rate limiter set to the
/// provider's published limits (the presets below, with headroom).
/// </summary>
public sealed record ProviderResilienceOptions
{
    /// <summary>Per attempt, including reading (and archiving) the whole body.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(15);

    public int MaxRetries { get; init; } = 5;

    /// <summary>First backoff delay; doubled per retry, with jitter, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A <c>Retry-After</c> longer than this is capped (a ban of hours is not waited out inside one request).</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The breaker opens when at least this share of the sampled calls failed ...</summary>
    public double BreakerFailureRatio { get; init; } = 0.5;

    /// <summary>... among at least this many calls ...</summary>
    public int BreakerMinimumThroughput { get; init; } = 8;

    /// <summary>... within this window.</summary>
    public TimeSpan BreakerSamplingDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the breaker stays open before one probe is let through.</summary>
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Requests the bucket refills per <see cref="RateLimitPeriod"/>.</summary>
    public int RequestsPerPeriod { get; init; } = 10;

    public TimeSpan RateLimitPeriod { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The bucket's size: requests that may go at once after a quiet spell.</summary>
    public int RateLimitBurst { get; init; } = 10;

    /// <summary>
    /// Binance spot: 6,000 request weight per minute per IP; <c>/api/v3/klines</c> weighs 2, so at most 3,000 calls a
    /// minute. Kept to 2,400 (40 every second, bursts of 40) to leave room for other clients on the same address.
    /// </summary>
    public static ProviderResilienceOptions Binance { get; } = new() { RequestsPerPeriod = 40, RateLimitPeriod = TimeSpan.FromSeconds(1), RateLimitBurst = 40 };

    /// <summary>Coinbase Exchange public endpoints: 10 requests per second per IP, bursts up to 15. Kept to 8 and 10.</summary>
    public static ProviderResilienceOptions Coinbase { get; } = new() { RequestsPerPeriod = 8, RateLimitPeriod = TimeSpan.FromSeconds(1), RateLimitBurst = 10 };

    /// <summary>Alpaca market data, free plan: 200 requests per minute. Kept to 180 (3 per second).</summary>
    public static ProviderResilienceOptions Alpaca { get; } = new() { RequestsPerPeriod = 3, RateLimitPeriod = TimeSpan.FromSeconds(1), RateLimitBurst = 5 };

    /// <summary>Polygon's free tier: 5 requests per minute.</summary>
    public static ProviderResilienceOptions Polygon { get; } = new() { RequestsPerPeriod = 1, RateLimitPeriod = TimeSpan.FromSeconds(12), RateLimitBurst = 1, MaxRetryAfter = TimeSpan.FromMinutes(1) };

    internal void Validate()
    {
        if (AttemptTimeout <= TimeSpan.Zero || RetryBaseDelay < TimeSpan.Zero || MaxRetryDelay < RetryBaseDelay || BreakDuration <= TimeSpan.Zero
            || BreakerSamplingDuration <= TimeSpan.Zero || RateLimitPeriod <= TimeSpan.Zero || MaxRetryAfter < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(AttemptTimeout), "Resilience durations must be positive (and the maximum delay at least the base delay).");
        }

        if (MaxRetries < 0 || RequestsPerPeriod < 1 || RateLimitBurst < 1 || BreakerMinimumThroughput < 2 || !(BreakerFailureRatio is > 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRetries), "Retries >= 0, requests per period and burst >= 1, breaker throughput >= 2 and failure ratio in (0, 1].");
        }
    }
}
