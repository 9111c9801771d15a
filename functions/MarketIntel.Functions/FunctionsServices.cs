using MarketIntel.Composition;
using MarketIntel.Pipeline.Local;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MarketIntel.Functions;

/// <summary>The Functions app's services: the shared composition plus its own pipeline metrics.</summary>
public static class FunctionsServices
{
    public static IServiceCollection AddMarketIntelFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        // Function keys guard the mutating routes in Azure, so Api:Key (the local host's key) is not used here.
        services.AddMarketIntel(configuration, "functions", (_, configured) => configured with { Key = null });
        services.AddSingleton<FunctionsPipelineMetrics>();
        services.AddSingleton<IPipelineMetrics>(sp => sp.GetRequiredService<FunctionsPipelineMetrics>());
        return services;
    }
}
