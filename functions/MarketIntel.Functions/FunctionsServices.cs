using MarketIntel.Api;
using MarketIntel.Core.Storage;
using MarketIntel.Ingestion.Composition;
using MarketIntel.Ingestion.Metrics;
using MarketIntel.Ingestion.Streaming;
using MarketIntel.Pipeline.Activities;
using MarketIntel.Pipeline.Local;
using MarketIntel.Pipeline.Scheduling;
using MarketIntel.Storage.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MarketIntel.Functions;

/// <summary>The services of the Functions app: the local host's storage, ingestion, pipeline activities and API options.</summary>
public static class FunctionsServices
{
    public static IServiceCollection AddMarketIntelFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddMarketIntelStorage(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new ApiHostInfo("functions"));

        // Function keys guard the mutating routes in Azure, so Api:Key (the local host's key) is not used here.
        services.AddSingleton((configuration.GetSection("Api").Get<ApiOptions>() ?? new ApiOptions()) with { Key = null });
        services.AddMarketIntelIngestion(configuration);
        var settings = PipelineSettings.From(configuration);
        services.AddSingleton(settings);
        services.AddSingleton<MonteCarloActivities>();
        services.AddSingleton<RunRecordActivities>();
        services.AddSingleton<IngestActivities>();
        services.AddSingleton<ScanActivities>();
        services.AddSingleton<RetentionActivities>();
        services.AddSingleton<FunctionsPipelineMetrics>();
        services.AddSingleton<IPipelineMetrics>(sp => sp.GetRequiredService<FunctionsPipelineMetrics>());
        services.AddSingleton(sp => new TickBatchProcessor(
            sp.GetRequiredService<IRawArchive>(), sp.GetRequiredService<IBarStore>(), sp.GetRequiredService<IRecordStore>(), sp.GetRequiredService<TimeProvider>(),
            new TickBatchOptions { Timeframe = settings.Timeframe }, sp.GetRequiredService<IngestionMetrics>()));
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase);
        return services;
    }
}
