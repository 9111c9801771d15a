using System.Threading.RateLimiting;
using MarketIntel.Ingestion.Metrics;

namespace MarketIntel.Ingestion.Http;

/// <summary>
/// A token bucket (<see cref="TokenBucketRateLimiter"/>) refilled by a <see cref="TimeProvider"/> timer, so tests can
/// drive it with their own clock. Callers queue for a token in arrival order; every wait is recorded in the metrics.
/// In any interval of length t at most <c>burst + perPeriod * ceil(t / period)</c> requests pass.
/// </summary>
public sealed class ClientRateLimiter : IAsyncDisposable, IDisposable
{
    private readonly TokenBucketRateLimiter _bucket;
    private readonly ITimer _refill;
    private readonly TimeProvider _time;
    private readonly IngestionMetrics? _metrics;
    private readonly string _provider;

    public ClientRateLimiter(string provider, int requestsPerPeriod, TimeSpan period, int burst, TimeProvider timeProvider, IngestionMetrics? metrics = null)
    {
        _provider = provider;
        _time = timeProvider;
        _metrics = metrics;
        _bucket = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = requestsPerPeriod,
            ReplenishmentPeriod = period,
            AutoReplenishment = false,
            QueueLimit = 100_000,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        _refill = timeProvider.CreateTimer(static state => ((TokenBucketRateLimiter)state!).TryReplenish(), _bucket, period, period);
    }

    public async ValueTask AcquireAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        using var lease = await _bucket.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            throw new InvalidOperationException($"The {_provider} rate limiter's queue is full: too many requests are waiting.");
        }

        var waited = _time.GetElapsedTime(started);
        if (waited > TimeSpan.FromMilliseconds(1))
        {
            _metrics?.RateLimiterWaited(_provider, waited);
        }
    }

    public void Dispose()
    {
        _refill.Dispose();
        _bucket.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _refill.DisposeAsync().ConfigureAwait(false);
        await _bucket.DisposeAsync().ConfigureAwait(false);
    }
}
