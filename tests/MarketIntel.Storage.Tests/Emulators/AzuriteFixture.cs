using Azure.Storage.Blobs;

namespace MarketIntel.Storage.Tests.Emulators;

/// <summary>
/// A Blob endpoint for the tests: <c>AZURITE_CONNECTION_STRING</c> when set, otherwise Azurite (in memory) started
/// here by tests/emulators/azurite-blob.js and stopped on dispose.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private EmulatorProcess? emulator;
    private readonly string scratch = Path.Combine(Path.GetTempPath(), "marketintel-azurite-" + Guid.NewGuid().ToString("N")[..8]);

    public BlobServiceClient Service { get; private set; } = null!;

    public string ConnectionString { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        var connectionString = Environment.GetEnvironmentVariable("AZURITE_CONNECTION_STRING");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            emulator = await NodeEmulators.StartAzuriteAsync(scratch).ConfigureAwait(false);
            connectionString = NodeEmulators.AzuriteConnectionString(emulator.Port);
        }

        ConnectionString = connectionString;
        Service = new BlobServiceClient(connectionString);
    }

    /// <summary>A fresh, uniquely named container client (not yet created).</summary>
    public BlobContainerClient NewContainer() => Service.GetBlobContainerClient("test-" + Guid.NewGuid().ToString("N")[..20]);

    public async Task DisposeAsync()
    {
        if (emulator is not null)
        {
            await emulator.DisposeAsync().ConfigureAwait(false);
        }

        if (Directory.Exists(scratch))
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
