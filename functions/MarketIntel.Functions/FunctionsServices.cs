using MarketIntel.Api;
using MarketIntel.Composition;
using MarketIntel.Pipeline.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MarketIntel.Functions;

/// <summary>The Functions app's services: the shared composition plus its own pipeline metrics.</summary>
public static class FunctionsServices
{
    public static IServiceCollection AddMarketIntelFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        // Function keys guard the mutating routes in Azure, so Api:Key (the local host's key) is not used here. The bars
        // response cache sees only this instance's writes, and ingestion may run on another instance: off unless set.
        var barsCacheSet = configuration[$"Api:{nameof(ApiOptions.BarsCacheMegabytes)}"] is not null;
        services.AddMarketIntel(configuration, "functions", (_, configured) => configured with
        {
            Key = null,
            BarsCacheMegabytes = barsCacheSet ? configured.BarsCacheMegabytes : 0,
        });
        services.AddSingleton<FunctionsPipelineMetrics>();
        services.AddSingleton<IPipelineMetrics>(sp => sp.GetRequiredService<FunctionsPipelineMetrics>());
        return services;
    }
}
