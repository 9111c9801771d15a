using MarketIntel.Core.Market;
using MarketIntel.Ingestion.Composition;
using MarketIntel.Ingestion.Providers;
using MarketIntel.Ingestion.Service;
using MarketIntel.Storage.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MarketIntel.Ingestion.Tests.Service;

public sealed class CompositionTests : IDisposable
{
    private readonly TestFolder _folder = new();

    private string Data => _folder.Path;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task TheRegisteredService_IngestsFromTheSimulatorIntoTheConfiguredStores()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageSettings.Keys.DataPath] = Data,
            [IngestionSettings.Keys.SimulatorSeed] = "7",
        }).Build();
        await using var services = new ServiceCollection().AddMarketIntelStorage(configuration).AddMarketIntelIngestion(configuration).BuildServiceProvider();

        var service = services.GetRequiredService<IngestionService>();
        var report = await service.IngestAsync(new IngestionRequest("simulator", ["BTC-USD"], Timeframe.OneHour, new DateTime(2024, 3, 4, 0, 0, 0, DateTimeKind.Utc), new DateTime(2024, 3, 5, 0, 0, 0, DateTimeKind.Utc)));

        Assert.Equal(24, report.BarsWritten);
        Assert.Equal(["binance", "coinbase", "simulator"], service.ProviderNames.Order(StringComparer.Ordinal));
        Assert.Equal(7UL, services.GetRequiredService<IngestionSettings>().SimulatorSeed);
    }

    [Fact]
    public void KeyedProviders_AreRegisteredOnlyWithTheirKeys_AndBadSettingsNameTheKey()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageSettings.Keys.DataPath] = Data,
            [IngestionSettings.Keys.AlpacaKeyId] = "PK",
            [IngestionSettings.Keys.AlpacaSecretKey] = "s",
            [IngestionSettings.Keys.PolygonApiKey] = "k",
        }).Build();
        using var services = new ServiceCollection().AddMarketIntelStorage(configuration).AddMarketIntelIngestion(configuration).BuildServiceProvider();

        Assert.Equal(5, services.GetServices<IBarProvider>().Count());
        Assert.Contains("AlpacaCredentials { KeyId = PK, SecretKey = *** }", services.GetRequiredService<IngestionSettings>().AlpacaCredentials!.ToString(), StringComparison.Ordinal);

        var bad = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [IngestionSettings.Keys.BinanceBaseUrl] = "ftp://x" }).Build();
        Assert.Contains(IngestionSettings.Keys.BinanceBaseUrl, Assert.Throws<ArgumentException>(() => IngestionSettings.From(bad)).Message, StringComparison.Ordinal);
        var half = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [IngestionSettings.Keys.AlpacaKeyId] = "PK" }).Build();
        Assert.Throws<ArgumentException>(() => IngestionSettings.From(half));
    }
}
