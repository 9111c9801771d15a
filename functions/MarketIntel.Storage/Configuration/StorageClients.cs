using Azure.Core;
using Azure.Data.Tables;
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

    /// <summary>
    /// The account's table endpoint with the managed identity (<see cref="DefaultAzureCredential"/>, which takes the
    /// user-assigned identity from <c>AZURE_CLIENT_ID</c>); a connection string only for Azurite. Throttling (429, 503
    /// with Retry-After) and 500s are retried by the SDK's exponential policy.
    /// </summary>
    public static TableServiceClient CreateTableServiceClient(StorageSettings settings)
    {
        var options = new TableClientOptions();
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 6;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(30);
        return settings.TablesConnectionString is { } connectionString
            ? new TableServiceClient(connectionString, options)
            : new TableServiceClient(
                settings.TablesServiceUri ?? throw new StorageConfigurationException($"{StorageSettings.Keys.TablesServiceUri} or {StorageSettings.Keys.TablesConnectionString} is required."),
                new DefaultAzureCredential(),
                options);
    }
}
