using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace MarketIntel.Ingestion.Http;

/// <summary>The library's <see cref="ResilienceHandler"/> running a provider's pipeline; it owns the pipeline's rate limiter (and its timer).</summary>
public sealed class ProviderResilienceHandler(ResiliencePipeline<HttpResponseMessage> pipeline, ClientRateLimiter limiter) : ResilienceHandler(pipeline)
{
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            limiter.Dispose();
        }

        base.Dispose(disposing);
    }
}
