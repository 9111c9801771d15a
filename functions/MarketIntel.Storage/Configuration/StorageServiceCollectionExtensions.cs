using MarketIntel.Core.Storage;
using MarketIntel.Storage.Blob;
using MarketIntel.Storage.Cosmos;
using MarketIntel.Storage.Embedded;
using MarketIntel.Storage.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MarketIntel.Storage.Configuration;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IBarStore"/>, <see cref="IRecordStore"/>, <see cref="IRawArchive"/> and
    /// <see cref="IArtifactStore"/> for the adapters
    /// <c>Storage:Provider</c> selects (Embedded by default). Settings are checked here, at start-up.
    /// </summary>
    /// <exception cref="StorageConfigurationException">A setting is missing or malformed.</exception>
    public static IServiceCollection AddMarketIntelStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = StorageSettings.From(configuration);
        services.AddSingleton(settings);
        services.TryAddSingleton(TimeProvider.System);
        if (settings.Provider == StorageProvider.Embedded)
        {
            services.AddSingleton(new EmbeddedDatabase(settings.DataPath));
            services.AddSingleton<IBarStore, EmbeddedBarStore>();
            services.AddSingleton<EmbeddedRecordStore>();
            services.AddSingleton<IRecordStore>(sp => sp.GetRequiredService<EmbeddedRecordStore>());
            services.AddSingleton<IRecordExpiry>(sp => sp.GetRequiredService<EmbeddedRecordStore>());
            services.AddSingleton<IRawArchive>(new FileRawArchive(Path.Combine(settings.DataPath, "raw")));
            services.AddSingleton<IArtifactStore>(new FileArtifactStore(Path.Combine(settings.DataPath, "artifacts")));
            return services;
        }

        if (settings.Provider == StorageProvider.AzureTables)
        {
            services.AddSingleton(_ => StorageClients.CreateTableServiceClient(settings));
            services.AddSingleton(sp => new TablesStorage(
                sp.GetRequiredService<Azure.Data.Tables.TableServiceClient>(), settings.TablesPrefix, settings.TablesCreateIfNotExists,
                sp.GetRequiredService<IArtifactStore>(), settings.TablesMaxParallelWrites));
            services.AddSingleton<IBarStore, TablesBarStore>();
            services.AddSingleton<TablesRecordStore>();
            services.AddSingleton<IRecordStore>(sp => sp.GetRequiredService<TablesRecordStore>());
            services.AddSingleton<IRecordExpiry>(sp => sp.GetRequiredService<TablesRecordStore>());
        }
        else
        {
            // Cosmos DB expires items itself (per-item ttl), so no IRecordExpiry is registered.
            services.AddSingleton(_ => StorageClients.CreateCosmosClient(settings));
            services.AddSingleton(sp => new CosmosStorage(
                sp.GetRequiredService<Microsoft.Azure.Cosmos.CosmosClient>(), settings.CosmosDatabase, settings.CosmosCreateIfNotExists, settings.CosmosMaxParallelWrites,
                new CosmosWriteRetry(sp.GetRequiredService<TimeProvider>())));
            services.AddSingleton<IBarStore, CosmosBarStore>();
            services.AddSingleton<IRecordStore, CosmosRecordStore>();
        }

        services.AddSingleton(_ => StorageClients.CreateBlobServiceClient(settings));
        services.AddSingleton<IRawArchive>(sp => new BlobRawArchive(
            sp.GetRequiredService<Azure.Storage.Blobs.BlobServiceClient>().GetBlobContainerClient(settings.RawArchiveContainer), settings.BlobCreateIfNotExists));
        services.AddSingleton<IArtifactStore>(sp => new BlobArtifactStore(
            sp.GetRequiredService<Azure.Storage.Blobs.BlobServiceClient>().GetBlobContainerClient(settings.ArtifactsContainer), settings.BlobCreateIfNotExists));
        return services;
    }
}
