using Azure.Identity;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MarketIntel.Functions;

/// <summary>
/// The Azure Functions worker (.NET isolated, Flex Consumption): ASP.NET Core integration for the HTTP triggers,
/// Application Insights, and the same services the local host composes (<see cref="FunctionsServices"/>).
/// </summary>
public static class Program
{
    public static void Main(string[] args) => Build(args).Run();

    public static IHost Build(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();
        builder.Services.AddApplicationInsightsTelemetryWorkerService().ConfigureFunctionsApplicationInsights();

        // Entra ID authentication for telemetry when the app setting asks for it (local auth is disabled in Azure).
        if (builder.Configuration["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]?.Contains("Authorization=AAD", StringComparison.OrdinalIgnoreCase) == true)
        {
            var clientId = builder.Configuration["AZURE_CLIENT_ID"];
            builder.Services.Configure<TelemetryConfiguration>(c => c.SetAzureTokenCredential(new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId })));
        }

        // The Application Insights provider keeps only warnings by default; host.json's log levels should decide.
        builder.Services.Configure<LoggerFilterOptions>(options =>
        {
            var rule = options.Rules.FirstOrDefault(r => r.ProviderName == "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider");
            if (rule is not null)
            {
                options.Rules.Remove(rule);
            }
        });

        builder.Services.AddMarketIntelFunctions(builder.Configuration);
        return builder.Build();
    }
}
