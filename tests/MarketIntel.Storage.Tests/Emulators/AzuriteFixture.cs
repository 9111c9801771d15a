using Azure.Data.Tables;
using Azure.Storage.Blobs;
using MarketIntel.Storage.Blob;
using MarketIntel.Storage.Tables;

namespace MarketIntel.Storage.Tests.Emulators;

/// <summary>
/// Blob and Table endpoints for the tests: <c>AZURITE_CONNECTION_STRING</c> when set (its TableEndpoint too, when it
/// has one), otherwise Azurite's Blob and Table services (in memory) started here by tests/emulators/azurite-blob.js
/// and azurite-table.js and stopped on dispose.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private EmulatorProcess? emulator;
    private EmulatorProcess? tablesEmulator;
    private readonly string scratch = Path.Combine(Path.GetTempPath(), "marketintel-azurite-" + Guid.NewGuid().ToString("N")[..8]);

    public BlobServiceClient Service { get; private set; } = null!;

    public string ConnectionString { get; private set; } = string.Empty;

    public TableServiceClient Tables { get; private set; } = null!;

    /// <summary>A connection string for the Table service (Azurite's development account).</summary>
    public string TablesConnectionString { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        var connectionString = Environment.GetEnvironmentVariable("AZURITE_CONNECTION_STRING");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            emulator = await NodeEmulators.StartAzuriteAsync(scratch).ConfigureAwait(false);
            connectionString = NodeEmulators.AzuriteConnectionString(emulator.Port);
        }

        var tablesConnectionString = connectionString.Contains("TableEndpoint=", StringComparison.OrdinalIgnoreCase) ? connectionString : null;
        if (tablesConnectionString is null)
        {
            tablesEmulator = await NodeEmulators.StartAzuriteTablesAsync(Path.Combine(scratch, "tables")).ConfigureAwait(false);
            tablesConnectionString = NodeEmulators.AzuriteTablesConnectionString(tablesEmulator.Port);
        }

        ConnectionString = connectionString;
        Service = new BlobServiceClient(connectionString);
        TablesConnectionString = tablesConnectionString;
        Tables = new TableServiceClient(tablesConnectionString);
    }

    /// <summary>A fresh, uniquely named container client (not yet created).</summary>
    public BlobContainerClient NewContainer() => Service.GetBlobContainerClient("test-" + Guid.NewGuid().ToString("N")[..20]);

    /// <summary>Tables under a fresh prefix (created on first use), with a fresh artifact container for large records.</summary>
    public TablesStorage NewTablesStorage(TableServiceClient? service = null) =>
        new(service ?? Tables, "t" + Guid.NewGuid().ToString("N")[..10], createIfNotExists: true, new BlobArtifactStore(NewContainer(), createContainerIfNotExists: true));

    public async Task DisposeAsync()
    {
        if (tablesEmulator is not null)
        {
            await tablesEmulator.DisposeAsync().ConfigureAwait(false);
        }

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
