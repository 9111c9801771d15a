using MarketIntel.Core.Storage;
using MarketIntel.Storage.Blob;
using MarketIntel.Storage.Configuration;
using MarketIntel.Storage.Cosmos;
using MarketIntel.Storage.Embedded;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MarketIntel.Storage.Tests.Configuration;

public sealed class StorageSettingsTests
{
    private const string Endpoint = "https://account.documents.azure.com:443/";
    private const string BlobUri = "https://account.blob.core.windows.net/";

    private static IConfiguration Config(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void NoSettings_SelectTheEmbeddedStoreUnderDotData()
    {
        var settings = StorageSettings.From(Config());

        Assert.Equal(StorageProvider.Embedded, settings.Provider);
        Assert.Equal(".data", settings.DataPath);
    }

    [Fact]
    public void AzureSettings_AreReadWithTheirDefaults()
    {
        var settings = StorageSettings.From(Config(
            ("Storage:Provider", "azure"), ("CosmosDb:Endpoint", Endpoint), ("CosmosDb:ConnectionMode", "Gateway"), ("BlobStorage:ServiceUri", BlobUri)));

        Assert.Equal(StorageProvider.Azure, settings.Provider);
        Assert.Equal(new Uri(Endpoint), settings.CosmosEndpoint);
        Assert.Equal("marketintel", settings.CosmosDatabase);
        Assert.Equal(ConnectionMode.Gateway, settings.CosmosConnectionMode);
        Assert.Null(settings.CosmosKey);
        Assert.False(settings.CosmosCreateIfNotExists);
        Assert.Equal("raw-archive", settings.RawArchiveContainer);
        Assert.Equal(new Uri(BlobUri), settings.BlobServiceUri);
    }

    [Theory]
    [InlineData("Storage:Provider", "Mongo", "Storage:Provider is 'Mongo'; expected one of: Embedded, Azure")]
    [InlineData("Storage:Provider", "1", "Storage:Provider is '1'")]
    [InlineData("CosmosDb:Endpoint", "not a uri", "CosmosDb:Endpoint is 'not a uri'")]
    [InlineData("CosmosDb:Endpoint", "", "CosmosDb:Endpoint is required when Storage:Provider is Azure")]
    [InlineData("CosmosDb:ConnectionMode", "Fast", "CosmosDb:ConnectionMode is 'Fast'; expected one of: Gateway, Direct")]
    [InlineData("CosmosDb:Key", "not*base64", "CosmosDb:Key is not a Cosmos DB account key")]
    [InlineData("CosmosDb:Database", "a/b", "CosmosDb:Database 'a/b' is not a valid")]
    [InlineData("CosmosDb:CreateIfNotExists", "yes", "CosmosDb:CreateIfNotExists is 'yes'; expected true or false")]
    [InlineData("CosmosDb:MaxParallelWrites", "0", "CosmosDb:MaxParallelWrites is '0'")]
    [InlineData("CosmosDb:AcceptEmulatorCertificate", "true", "CosmosDb:AcceptEmulatorCertificate is only allowed for a loopback")]
    [InlineData("BlobStorage:ServiceUri", "", "BlobStorage:ServiceUri (managed identity) or BlobStorage:ConnectionString is required")]
    [InlineData("BlobStorage:ConnectionString", "UseDevelopmentStorage=true", "Set only one of BlobStorage:ServiceUri and BlobStorage:ConnectionString")]
    [InlineData("BlobStorage:RawArchiveContainer", "Raw_Archive", "BlobStorage:RawArchiveContainer 'Raw_Archive' is not a valid blob container name")]
    [InlineData("BlobStorage:ArtifactsContainer", "a", "BlobStorage:ArtifactsContainer 'a' is not a valid blob container name")]
    public void BadSetting_FailsWithAnErrorNamingIt(string key, string value, string expected)
    {
        var values = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Azure",
            ["CosmosDb:Endpoint"] = Endpoint,
            ["BlobStorage:ServiceUri"] = BlobUri,
            [key] = value,
        };

        var error = Assert.Throws<StorageConfigurationException>(() => new ServiceCollection().AddMarketIntelStorage(Config(values.Select(v => (v.Key, v.Value)).ToArray())));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddMarketIntelStorage_WithoutSettings_WiresTheEmbeddedAdapters_UnderTheDataPath()
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "marketintel-di-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            using var provider = new ServiceCollection().AddMarketIntelStorage(Config(("Storage:DataPath", dataPath))).BuildServiceProvider();

            Assert.IsType<EmbeddedBarStore>(provider.GetRequiredService<IBarStore>());
            Assert.IsType<EmbeddedRecordStore>(provider.GetRequiredService<IRecordStore>());
            var archive = Assert.IsType<FileRawArchive>(provider.GetRequiredService<IRawArchive>());
            Assert.Equal(Path.Combine(Path.GetFullPath(dataPath), "raw"), archive.RootPath);
            Assert.Equal(Path.Combine(Path.GetFullPath(dataPath), "artifacts"), Assert.IsType<FileArtifactStore>(provider.GetRequiredService<IArtifactStore>()).RootPath);
            await provider.GetRequiredService<IBarStore>().UpsertAsync("AAPL", Core.Market.Timeframe.OneDay, TestBars.Generate(Core.Market.Timeframe.OneDay, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), 3), new BarProvenance("di", "1"));
            Assert.True(File.Exists(Path.Combine(dataPath, EmbeddedDatabase.FileName)));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataPath, recursive: true);
        }
    }

    [Fact]
    public void AddMarketIntelStorage_WithAzure_WiresCosmosAndBlob_WithAKeyOrManagedIdentity()
    {
        using var provider = new ServiceCollection().AddMarketIntelStorage(Config(
            ("Storage:Provider", "Azure"), ("CosmosDb:Endpoint", Endpoint), ("CosmosDb:Database", "prod"),
            ("BlobStorage:ServiceUri", BlobUri), ("BlobStorage:RawArchiveContainer", "raw"))).BuildServiceProvider();

        Assert.IsType<CosmosBarStore>(provider.GetRequiredService<IBarStore>());
        Assert.IsType<CosmosRecordStore>(provider.GetRequiredService<IRecordStore>());
        var archive = Assert.IsType<BlobRawArchive>(provider.GetRequiredService<IRawArchive>());
        Assert.Equal("raw", archive.Container.Name);
        Assert.Equal("artifacts", Assert.IsType<BlobArtifactStore>(provider.GetRequiredService<IArtifactStore>()).Container.Name);
        Assert.Equal("prod", provider.GetRequiredService<CosmosStorage>().DatabaseName);
        Assert.Equal(ConnectionMode.Direct, provider.GetRequiredService<CosmosClient>().ClientOptions.ConnectionMode);
    }
}
