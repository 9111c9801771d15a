using MarketIntel.Core.Storage;
using MarketIntel.Ingestion.Bridge;
using MarketIntel.Ingestion.Metrics;
using MarketIntel.Ingestion.Service;
using MarketIntel.Ingestion.Streaming;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MarketIntel.Ingestion.Composition;

public static class TickBridgeServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="TickBridge"/> as a hosted service when <c>Ticks:Bridge:Enabled</c> (over
    /// <paramref name="defaults"/>) says so, its streams built by the <see cref="ProviderCatalog"/> and its batches sent
    /// to the host's <paramref name="sink"/>. Needs <see cref="IngestionServiceCollectionExtensions.AddMarketIntelIngestion"/>
    /// and a <see cref="TickBatchOptions"/> singleton (the processor's, so both agree on timeframe and lateness). The bridge
    /// runs under the singleton <c>lease</c> when one is given (see <see cref="SingletonLeaseRunner"/>), unguarded otherwise.
    /// </summary>
    public static IServiceCollection AddTickBridge(this IServiceCollection services, IConfiguration configuration, TickBridgeOptions defaults, Func<IServiceProvider, ITickBatchSink> sink, Func<IServiceProvider, ISingletonLease>? lease = null)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var options = TickBridgeOptions.From(configuration, defaults);
        services.AddSingleton(options);
        if (!options.Enabled)
        {
            return services;
        }

        services.AddSingleton(sp => new TickBridge(
            [.. options.Streams.Select(name => sp.GetRequiredService<ProviderCatalog>().CreateTradeStream(name))],
            sink(sp), options, sp.GetRequiredService<TickBatchOptions>(), sp.GetRequiredService<IngestionMetrics>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IRecordStore>(), sp.GetRequiredService<IngestionService>(), sp.GetService<ILogger<TickBridge>>(), lease?.Invoke(sp)));
        services.AddHostedService(sp => sp.GetRequiredService<TickBridge>());
        return services;
    }
}
