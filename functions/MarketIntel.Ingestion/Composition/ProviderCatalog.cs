using MarketIntel.Core.Storage;
using MarketIntel.Ingestion.Http;
using MarketIntel.Ingestion.Metrics;
using MarketIntel.Ingestion.Providers;
using MarketIntel.Ingestion.Providers.Alpaca;
using MarketIntel.Ingestion.Providers.Binance;
using MarketIntel.Ingestion.Providers.Coinbase;
using MarketIntel.Ingestion.Providers.Polygon;
using MarketIntel.Ingestion.Service;
using MarketIntel.Ingestion.Simulation;

namespace MarketIntel.Ingestion.Composition;

/// <summary>Builds the bar providers by name, each REST one with its own resilient, archiving HTTP client.</summary>
public sealed class ProviderCatalog(IngestionSettings settings, IRawArchive archive, IngestionMetrics metrics, TimeProvider timeProvider, string codeVersion, IngestionEventLog? events = null)
{
    /// <summary>Overrides the resilience presets (tests use short timeouts); null keeps each provider's published limits.</summary>
    public Func<string, ProviderResilienceOptions>? Resilience { get; init; }

    /// <summary>Replaces the network handler (tests); null uses sockets.</summary>
    public Func<HttpMessageHandler>? NetworkHandler { get; init; }

    /// <exception cref="ArgumentException">Unknown provider, or one that needs a setting that is missing.</exception>
    public IBarProvider Create(string name) => name.ToLowerInvariant() switch
    {
        ProviderNames.Simulator => new SimulatorBarProvider(new MarketSimulator(new MarketSimulatorOptions { Seed = settings.SimulatorSeed, Origin = settings.SimulatorOrigin })),
        ProviderNames.Binance => new BinanceBarProvider(Client(ProviderNames.Binance, settings.BinanceBaseUrl ?? BinanceBarProvider.DefaultBaseAddress, ProviderResilienceOptions.Binance)),
        ProviderNames.Coinbase => new CoinbaseBarProvider(Client(ProviderNames.Coinbase, settings.CoinbaseBaseUrl ?? CoinbaseBarProvider.DefaultBaseAddress, ProviderResilienceOptions.Coinbase)),
        ProviderNames.Alpaca => new AlpacaBarProvider(Client(ProviderNames.Alpaca, settings.AlpacaBaseUrl ?? AlpacaBarProvider.DefaultBaseAddress, ProviderResilienceOptions.Alpaca), settings.AlpacaCredentials, settings.AlpacaFeed),
        ProviderNames.Polygon => new PolygonBarProvider(
            Client(ProviderNames.Polygon, settings.PolygonBaseUrl ?? PolygonBarProvider.DefaultBaseAddress, ProviderResilienceOptions.Polygon),
            settings.PolygonApiKey ?? throw new ArgumentException($"The polygon provider needs {IngestionSettings.Keys.PolygonApiKey}.")),
        _ => throw new ArgumentException($"Unknown provider '{name}': use one of {string.Join(", ", ProviderNames.All)}.", nameof(name)),
    };

    /// <summary>The trade stream of a provider: the simulator (live, paced by the clock), Binance or Coinbase.</summary>
    /// <exception cref="ArgumentException">The provider has no trade stream here.</exception>
    public ITradeStream CreateTradeStream(string name, Streaming.WebSocketStreamOptions? options = null) => name.ToLowerInvariant() switch
    {
        ProviderNames.Simulator => new SimulatorTradeStream(new MarketSimulator(new MarketSimulatorOptions { Seed = settings.SimulatorSeed, Origin = settings.SimulatorOrigin }), timeProvider),
        ProviderNames.Binance => new BinanceTradeStream(settings.BinanceStreamUrl ?? BinanceTradeStream.DefaultBaseAddress, archive, metrics, timeProvider, codeVersion, options),
        ProviderNames.Coinbase => new CoinbaseTradeStream(settings.CoinbaseStreamUrl ?? CoinbaseTradeStream.DefaultEndpoint, archive, metrics, timeProvider, codeVersion, options),
        _ => throw new ArgumentException($"No trade stream for '{name}': use simulator, binance or coinbase.", nameof(name)),
    };

    private HttpClient Client(string provider, Uri baseAddress, ProviderResilienceOptions preset) =>
        ProviderHttpClient.Create(provider, baseAddress, Resilience?.Invoke(provider) ?? preset, archive, metrics, timeProvider, codeVersion, NetworkHandler?.Invoke(), BreakerObserver(provider));

    private Func<string, ValueTask>? BreakerObserver(string provider) => events is null ? null : async state =>
    {
        try
        {
            await events.WriteAsync(new IngestionEvent(IngestionEventTypes.BreakerChanged, state == Metrics.BreakerStates.Open ? "warning" : "info", provider, null, null, $"circuit breaker {state}")).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The system log is best effort here: failing to record a breaker change must not fail the request that caused it.
        }
    };
}
