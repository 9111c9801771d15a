using System.Net;
using MarketIntel.Core.Storage;
using MarketIntel.Ingestion.Metrics;

namespace MarketIntel.Ingestion.Http;

/// <summary>
/// Builds a provider's <see cref="HttpClient"/>: <see cref="ProviderResilienceHandler"/> (retry, breaker, rate limiter,
/// timeout; see <see cref="ProviderResiliencePipeline"/>) → <see cref="RawArchiveHandler"/> (archive every body before
/// parsing) → the network handler.
/// </summary>
public static class ProviderHttpClient
{
    public static HttpClient Create(
        string provider,
        Uri baseAddress,
        ProviderResilienceOptions options,
        IRawArchive archive,
        IngestionMetrics metrics,
        TimeProvider timeProvider,
        string codeVersion,
        HttpMessageHandler? networkHandler = null,
        Func<string, ValueTask>? onBreakerChanged = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        networkHandler ??= new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = options.AttemptTimeout,
        };
        var archiving = new RawArchiveHandler(archive, timeProvider, codeVersion) { InnerHandler = networkHandler };
        var limiter = new ClientRateLimiter(provider, options.RequestsPerPeriod, options.RateLimitPeriod, options.RateLimitBurst, timeProvider, metrics);
        var pipeline = ProviderResiliencePipeline.Build(provider, options, limiter, timeProvider, metrics, onBreakerChanged);
        var resilience = new ProviderResilienceHandler(pipeline, limiter) { InnerHandler = archiving };

        // The pipeline's per-attempt timeout governs; HttpClient's own would cut retries short.
        return new HttpClient(resilience) { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
    }
}
