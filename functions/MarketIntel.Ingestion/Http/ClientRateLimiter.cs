using System.Threading.RateLimiting;
using MarketIntel.Ingestion.Metrics;

namespace MarketIntel.Ingestion.Http;

/// <summary>
/// The client-side rate limiter of one provider: a <see cref="TimeProviderTokenBucket"/> (a
/// <see cref="RateLimiter"/> refilled by the injected clock). Callers queue for a token in
/// arrival order; every wait is recorded in the metrics. In any interval of length t at most
/// <c>burst + perPeriod * (ceil(t / period) + 1)</c> requests pass.
/// </summary>
public sealed class ClientRateLimiter(string provider, int requestsPerPeriod, TimeSpan period, int burst, TimeProvider timeProvider, IngestionMetrics? metrics = null) : IAsyncDisposable, IDisposable
{
    private readonly TimeProviderTokenBucket _bucket = new(burst, requestsPerPeriod, period, timeProvider);

    /// <summary>Waits for a token; the lease is refused only when too many requests are already queued.</summary>
    public async ValueTask<RateLimitLease> AcquireAsync(CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        var lease = await _bucket.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        var waited = timeProvider.GetElapsedTime(started);
        if (lease.IsAcquired && waited > TimeSpan.Zero)
        {
            metrics?.RateLimiterWaited(provider, waited);
        }

        return lease;
    }

    public void Dispose() => _bucket.Dispose();

    public ValueTask DisposeAsync() => _bucket.DisposeAsync();
}
