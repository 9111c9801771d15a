using MarketIntel.Core.Storage;
using MarketIntel.Ingestion.Metrics;
using MarketIntel.Ingestion.Providers;
using MarketIntel.Ingestion.Service;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MarketIntel.Ingestion.Composition;

public static class IngestionServiceCollectionExtensions
{
    /// <summary>
    /// Registers the ingestion: settings, metrics, every bar provider that can be built from the configuration (the
    /// simulator, Binance and Coinbase always; Alpaca and Polygon when their keys are set) and <see cref="IngestionService"/>.
    /// Needs the storage ports (<c>AddMarketIntelStorage</c>) registered too.
    /// </summary>
    public static IServiceCollection AddMarketIntelIngestion(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = IngestionSettings.From(configuration);
        services.AddSingleton(settings);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new IngestionMetrics(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new IngestionEventLog(sp.GetRequiredService<IRecordStore>(), sp.GetRequiredService<TimeProvider>(), IngestionInfo.CodeVersion));
        services.TryAddSingleton(sp => new ProviderCatalog(
            settings, sp.GetRequiredService<IRawArchive>(), sp.GetRequiredService<IngestionMetrics>(), sp.GetRequiredService<TimeProvider>(), IngestionInfo.CodeVersion,
            sp.GetRequiredService<IngestionEventLog>()));
        var names = new List<string> { ProviderNames.Simulator, ProviderNames.Binance, ProviderNames.Coinbase };
        if (settings.AlpacaCredentials is not null)
        {
            names.Add(ProviderNames.Alpaca);
        }

        if (settings.PolygonApiKey is not null)
        {
            names.Add(ProviderNames.Polygon);
        }

        foreach (var name in names)
        {
            services.AddSingleton(sp => sp.GetRequiredService<ProviderCatalog>().Create(name));
        }

        services.TryAddSingleton(sp => new IngestionService(
            sp.GetServices<IBarProvider>(), sp.GetRequiredService<IBarStore>(), sp.GetRequiredService<IRecordStore>(),
            sp.GetRequiredService<IngestionMetrics>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
