using MarketIntel.Core.Storage;
using MarketIntel.Pipeline.Engine.Local;
using MarketIntel.Pipeline.Ports;
using MarketIntel.Pipeline.Workflows;

namespace MarketIntel.Host;

/// <summary>Registers the local orchestration runner with the pipeline catalog's orchestrations and activities (the Functions app has one function per row).</summary>
public static class LocalPipeline
{
    public static IServiceCollection AddLocalPipeline(this IServiceCollection services)
    {
        services.AddSingleton(sp => PipelineCatalog.Register(new LocalPipelineRegistry(), sp.GetRequiredService<PipelineActivities>()));
        services.AddSingleton(sp =>
        {
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("MarketIntel.Pipeline");
            var parallel = sp.GetRequiredService<IConfiguration>().GetValue("Pipeline:MaxParallelActivities", Math.Max(2, Environment.ProcessorCount));
            return new LocalOrchestrationRunner(sp.GetRequiredService<LocalPipelineRegistry>(), sp.GetRequiredService<IRecordStore>(), sp.GetRequiredService<TimeProvider>(), parallel,
                message => logger.LogInformation("{Message}", message));
        });
        services.AddSingleton<IOrchestrationStarter>(sp => sp.GetRequiredService<LocalOrchestrationRunner>());
        services.AddSingleton<IPipelineMetrics>(sp => sp.GetRequiredService<LocalOrchestrationRunner>());
        services.AddHostedService<LocalPipelineService>();
        return services;
    }
}
