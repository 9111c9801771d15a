using Azure.Data.Tables;
using MarketIntel.Core.Storage;
using MarketIntel.Storage.Blob;
using MarketIntel.Storage.Configuration;
using MarketIntel.Storage.Embedded;
using MarketIntel.Storage.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MarketIntel.Storage.Tests.Tables;

public sealed class TablesSettingsTests
{
    private const string TableUri = "https://account.table.core.windows.net/";
    private const string BlobUri = "https://account.blob.core.windows.net/";

    private static IConfiguration Config(IEnumerable<KeyValuePair<string, string?>> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private static Dictionary<string, string?> Keyless() => new()
    {
        ["Storage:Provider"] = "AzureTables",
        ["Tables:ServiceUri"] = TableUri,
        ["BlobStorage:ServiceUri"] = BlobUri,
    };

    [Fact]
    public void TablesSettings_AreReadWithTheirDefaults()
    {
        var settings = StorageSettings.From(Config(Keyless()));

        Assert.Equal(StorageProvider.AzureTables, settings.Provider);
        Assert.Equal(new Uri(TableUri), settings.TablesServiceUri);
        Assert.Null(settings.TablesConnectionString);
        Assert.Equal("marketintel", settings.TablesPrefix);
        Assert.True(settings.TablesCreateIfNotExists);
        Assert.Null(settings.CosmosEndpoint);
    }

    [Theory]
    [InlineData("Tables:ServiceUri", "", "Tables:ServiceUri (managed identity, for example https://<account>.table.core.windows.net/) or Tables:ConnectionString (Azurite) is required when Storage:Provider is AzureTables")]
    [InlineData("Tables:ServiceUri", "table endpoint", "Tables:ServiceUri is 'table endpoint'")]
    [InlineData("Tables:ConnectionString", "UseDevelopmentStorage=true", "Set only one of Tables:ServiceUri and Tables:ConnectionString")]
    [InlineData("Tables:TablePrefix", "9lives", "Tables:TablePrefix '9lives' is not a valid table name prefix")]
    [InlineData("Tables:TablePrefix", "market-intel", "Tables:TablePrefix 'market-intel' is not a valid table name prefix")]
    [InlineData("Tables:CreateIfNotExists", "maybe", "Tables:CreateIfNotExists is 'maybe'")]
    [InlineData("Tables:MaxParallelWrites", "0", "Tables:MaxParallelWrites is '0'")]
    [InlineData("BlobStorage:ServiceUri", "", "BlobStorage:ServiceUri (managed identity) or BlobStorage:ConnectionString is required when Storage:Provider is AzureTables")]
    [InlineData("BlobStorage:ArtifactsContainer", "A", "BlobStorage:ArtifactsContainer 'A' is not a valid blob container name")]
    public void BadSetting_FailsWithAnErrorNamingIt(string key, string value, string expected)
    {
        var values = Keyless();
        values[key] = value;

        var error = Assert.Throws<StorageConfigurationException>(() => new ServiceCollection().AddMarketIntelStorage(Config(values)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddMarketIntelStorage_WithAzureTables_WiresTablesAndBlob_KeylessOnTheTableEndpoint_WithoutCosmos()
    {
        var values = Keyless();
        values["Tables:TablePrefix"] = "prod";
        using var provider = new ServiceCollection().AddMarketIntelStorage(Config(values)).BuildServiceProvider();

        Assert.IsType<TablesBarStore>(provider.GetRequiredService<IBarStore>());
        var records = Assert.IsType<TablesRecordStore>(provider.GetRequiredService<IRecordStore>());
        Assert.Same(records, provider.GetRequiredService<IRecordExpiry>());
        Assert.IsType<BlobRawArchive>(provider.GetRequiredService<IRawArchive>());
        var artifacts = Assert.IsType<BlobArtifactStore>(provider.GetRequiredService<IArtifactStore>());
        var storage = provider.GetRequiredService<TablesStorage>();
        Assert.Same(artifacts, storage.Overflow);
        Assert.Equal("prodscans", storage.TableName(StorageContainers.Scans));
        var service = provider.GetRequiredService<TableServiceClient>();
        Assert.Equal(new Uri(TableUri), service.Uri);
        Assert.Equal("account", service.AccountName);
        Assert.Null(provider.GetService<Microsoft.Azure.Cosmos.CosmosClient>());
    }

    [Fact]
    public void RecordExpiry_IsRegisteredForTheStoresWithoutAServiceTtl_Only()
    {
        using var cosmos = new ServiceCollection().AddMarketIntelStorage(Config(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Azure",
            ["CosmosDb:Endpoint"] = "https://account.documents.azure.com:443/",
            ["BlobStorage:ServiceUri"] = BlobUri,
        })).BuildServiceProvider();
        using var embedded = new ServiceCollection().AddMarketIntelStorage(Config(new Dictionary<string, string?> { ["Storage:DataPath"] = Path.GetTempPath() })).BuildServiceProvider();

        Assert.Empty(cosmos.GetServices<IRecordExpiry>());
        Assert.Same(embedded.GetRequiredService<IRecordStore>(), Assert.IsType<EmbeddedRecordStore>(Assert.Single(embedded.GetServices<IRecordExpiry>())));
    }
}
