using MarketIntel.Ingestion.Http;
using MarketIntel.Ingestion.Metrics;
using MarketIntel.Ingestion.Tests.Fakes;

namespace MarketIntel.Ingestion.Tests.Providers;

/// <summary>A provider HTTP client over a <see cref="StubHandler"/>, archiving into temporary stores.</summary>
public sealed class ProviderTestKit : IDisposable
{
    public ProviderTestKit(string provider, ProviderResilienceOptions? options = null)
    {
        Client = ProviderHttpClient.Create(provider, new Uri("http://127.0.0.1/"), options ?? new ProviderResilienceOptions { MaxRetries = 0, RequestsPerPeriod = 1000, RateLimitBurst = 1000 },
            Stores.Archive, Metrics, TimeProvider.System, "test", Stub);
    }

    public StubHandler Stub { get; } = new();

    public TestStores Stores { get; } = new();

    public IngestionMetrics Metrics { get; } = new();

    public HttpClient Client { get; }

    public void Dispose()
    {
        Client.Dispose();
        Stores.Dispose();
    }
}
