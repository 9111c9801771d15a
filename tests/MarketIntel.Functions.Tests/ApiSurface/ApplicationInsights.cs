// Packages: Microsoft.ApplicationInsights.WorkerService 2.23.0 (AddApplicationInsightsTelemetryWorkerService; TelemetryConfiguration
// from its dependency Microsoft.ApplicationInsights) and Microsoft.Azure.Functions.Worker.ApplicationInsights 2.51.0
// (ConfigureFunctionsApplicationInsights). Sources: microsoft/ApplicationInsights-dotnet, Azure/azure-functions-dotnet-worker
// src/DotNetWorker.ApplicationInsights/FunctionsApplicationInsightsExtensions.cs. Registration only; no telemetry here.
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.ApplicationInsights.Extensibility
{
    public sealed class TelemetryConfiguration
    {
        public object? Credential { get; private set; }

        public void SetAzureTokenCredential(object tokenCredential) => Credential = tokenCredential;
    }
}

namespace Microsoft.Extensions.DependencyInjection
{
    public static class ApplicationInsightsExtensions
    {
        public static IServiceCollection AddApplicationInsightsTelemetryWorkerService(this IServiceCollection services) =>
            services.AddSingleton<Microsoft.ApplicationInsights.Extensibility.TelemetryConfiguration>();
    }
}

namespace Microsoft.Azure.Functions.Worker
{
    public static class FunctionsApplicationInsightsExtensions
    {
        public static IServiceCollection ConfigureFunctionsApplicationInsights(this IServiceCollection services) => services;
    }
}
