using MarketIntel.Storage.Configuration;
using MarketIntel.Storage.Cosmos;
using Microsoft.Azure.Cosmos;

namespace MarketIntel.Storage.Tests.Emulators;

/// <summary>
/// A Cosmos DB endpoint for the tests: <c>COSMOS_ENDPOINT</c> (+ <c>COSMOS_KEY</c>) when set, otherwise
/// cosmosdb-server behind tests/emulators/cosmos-wrapper.js started here (HTTPS, self-signed certificate) and
/// stopped on dispose. One database per fixture, deleted on dispose.
/// </summary>
public sealed class CosmosEmulatorFixture : IAsyncLifetime
{
    private EmulatorProcess? emulator;

    public CosmosClient Client { get; private set; } = null!;

    public Uri Endpoint { get; private set; } = null!;

    public string Key { get; private set; } = NodeEmulators.CosmosEmulatorKey;

    public string DatabaseName { get; } = "marketintel-tests-" + Guid.NewGuid().ToString("N")[..8];

    public CosmosStorage Storage { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var endpoint = Environment.GetEnvironmentVariable("COSMOS_ENDPOINT");
        var key = Environment.GetEnvironmentVariable("COSMOS_KEY") ?? NodeEmulators.CosmosEmulatorKey;
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            emulator = await NodeEmulators.StartCosmosAsync().ConfigureAwait(false);
            endpoint = $"https://127.0.0.1:{emulator.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}/";
        }

        try
        {
            Endpoint = new Uri(endpoint);
            Key = key;
            Client = CreateClient(Endpoint, key);
            Storage = new CosmosStorage(Client, DatabaseName, createIfNotExists: true);
            // Create the database and containers once, up front, so that tests measure only their own operations.
            await Storage.ContainerAsync(Core.Storage.StorageContainers.Bars, CancellationToken.None).ConfigureAwait(false);
        }
        catch
        {
            // A fixture that fails to start is not disposed by every runner: stop what was started here.
            await DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public static CosmosClient CreateClient(Uri endpoint, string key) => StorageClients.CreateCosmosClient(new StorageSettings
    {
        Provider = StorageProvider.Azure,
        CosmosEndpoint = endpoint,
        CosmosKey = key,
        CosmosConnectionMode = ConnectionMode.Gateway,
        // The emulator announces its own internal address: talk to the endpoint given, and accept its certificate.
        CosmosLimitToEndpoint = endpoint.IsLoopback,
        CosmosAcceptEmulatorCertificate = endpoint.IsLoopback,
    });

    public async Task DisposeAsync()
    {
        try
        {
            if (Client is not null)
            {
                await Client.GetDatabase(DatabaseName).DeleteAsync().ConfigureAwait(false);
            }
        }
        catch (CosmosException)
        {
            // The emulator may already be gone; nothing persists in it.
        }
        finally
        {
            Client?.Dispose();
            if (emulator is not null)
            {
                await emulator.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
