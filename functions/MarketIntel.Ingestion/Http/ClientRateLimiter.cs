using MarketIntel.Ingestion.Metrics;

namespace MarketIntel.Ingestion.Http;

/// <summary>
/// The client-side rate limiter of one provider: a <see cref="TimeProviderTokenBucket"/> (a
/// <see cref="System.Threading.RateLimiting.RateLimiter"/> refilled by the injected clock). Callers queue for a token in
/// arrival order; every wait is recorded in the metrics. In any interval of length t at most
/// <c>burst + perPeriod * (ceil(t / period) + 1)</c> requests pass.
/// </summary>
public sealed class ClientRateLimiter(string provider, int requestsPerPeriod, TimeSpan period, int burst, TimeProvider timeProvider, IngestionMetrics? metrics = null) : IAsyncDisposable, IDisposable
{
    private readonly TimeProviderTokenBucket _bucket = new(burst, requestsPerPeriod, period, timeProvider);

    public async ValueTask AcquireAsync(CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        using var lease = await _bucket.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            throw new InvalidOperationException($"The {provider} rate limiter's queue is full: too many requests are waiting.");
        }

        var waited = timeProvider.GetElapsedTime(started);
        if (waited > TimeSpan.Zero)
        {
            metrics?.RateLimiterWaited(provider, waited);
        }
    }

    public void Dispose() => _bucket.Dispose();

    public ValueTask DisposeAsync() => _bucket.DisposeAsync();
}
