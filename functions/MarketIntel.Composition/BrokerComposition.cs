using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using MarketIntel.Brokers.Configuration;
using MarketIntel.Brokers.OrderIds;
using MarketIntel.Brokers.Secrets;
using MarketIntel.Core.Brokerage;
using MarketIntel.Pipeline.Automation;
using MarketIntel.Pipeline.Brokerage;
using MarketIntel.Core.Storage;
using MarketIntel.Storage.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MarketIntel.Composition;

/// <summary>
/// Brokers and automation, for both hosts: the secret store (Key Vault through the managed identity when
/// <c>Brokers:KeyVaultUri</c> is set, as in Azure; otherwise Data Protection under <c>{Storage:DataPath}/secrets</c>), the
/// configured connections (none by default) with their adapters opened from stored credentials, the broker journal,
/// reconciliation, the supervisor, and the automation switches (off until a person switches one on).
/// </summary>
public static class BrokerComposition
{
    public static IServiceCollection AddBrokers(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connections = BrokerSettings.Connections(configuration);
        var vault = configuration[BrokerSettings.Keys.KeyVaultUri];
        services.AddSingleton<IBrokerSecretStore>(sp => string.IsNullOrWhiteSpace(vault)
            ? new DataProtectedSecretStore(Path.Combine(sp.GetRequiredService<StorageSettings>().DataPath, "secrets"))
            : new KeyVaultSecretStore(new SecretClient(new Uri(vault), new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = configuration["AZURE_CLIENT_ID"] }))));
        services.AddSingleton(sp => new BrokerConnections(connections.Select(c => Connection(c, sp))));
        services.AddSingleton<BrokerStatusBoard>();
        services.AddSingleton<BrokerExecution>();
        services.AddSingleton<BrokerReconciler>();
        services.AddSingleton<BrokerOperations>();
        services.AddSingleton<SetupAutomation>();
        services.AddHostedService<BrokerSupervisor>();
        return services;
    }

    private static BrokerConnection Connection(BrokerConnectionSettings settings, IServiceProvider services)
    {
        var secrets = services.GetRequiredService<IBrokerSecretStore>();
        var time = services.GetRequiredService<TimeProvider>();
        var orderIds = new RecordStoreBrokerOrderIdMap(services.GetRequiredService<IRecordStore>(), time);
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("MarketIntel.Brokers." + settings.Name);
        return new BrokerConnection(settings.Name, settings.Venue, settings.Environment, BrokerSettings.Venues[settings.Venue],
            cancellationToken => BrokerAdapters.OpenStoredAsync(settings, secrets, orderIds, time, logger, cancellationToken));
    }
}
