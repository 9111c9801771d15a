using Azure.Identity;
using Azure.Storage.Blobs;
using MarketIntel.Storage.Documents;
using Microsoft.Azure.Cosmos;

namespace MarketIntel.Storage.Configuration;

/// <summary>Creates the Azure SDK clients from <see cref="StorageSettings"/>: account key when given, managed identity otherwise.</summary>
public static class StorageClients
{
    public static CosmosClient CreateCosmosClient(StorageSettings settings)
    {
        var endpoint = settings.CosmosEndpoint ?? throw new StorageConfigurationException($"{StorageSettings.Keys.CosmosEndpoint} is required.");
        var options = new CosmosClientOptions
        {
            ApplicationName = "MarketIntel",
            ConnectionMode = settings.CosmosConnectionMode,
            LimitToEndpoint = settings.CosmosLimitToEndpoint,
            UseSystemTextJsonSerializerWithOptions = StorageJson.Options,
        };
        if (settings.CosmosAcceptEmulatorCertificate)
        {
            // Only for a loopback emulator with a self-signed certificate (StorageSettings refuses any other host).
            options.HttpClientFactory = () => new HttpClient(new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
            });
        }

        return settings.CosmosKey is { } key
            ? new CosmosClient(endpoint.ToString(), key, options)
            : new CosmosClient(endpoint.ToString(), new DefaultAzureCredential(), options);
    }

    public static BlobServiceClient CreateBlobServiceClient(StorageSettings settings) => settings.BlobConnectionString is { } connectionString
        ? new BlobServiceClient(connectionString)
        : new BlobServiceClient(
            settings.BlobServiceUri ?? throw new StorageConfigurationException($"{StorageSettings.Keys.BlobServiceUri} or {StorageSettings.Keys.BlobConnectionString} is required."),
            new DefaultAzureCredential());
}
