using System.Text.Json;
using Azure.Identity;
using Azure.Storage.Blobs;
using MarketIntel.Api;
using MarketIntel.Core.Storage;
using MarketIntel.Ingestion.Bridge;
using MarketIntel.Ingestion.Composition;
using MarketIntel.Ingestion.Metrics;
using MarketIntel.Ingestion.Streaming;
using MarketIntel.Pipeline.Activities;
using MarketIntel.Pipeline.Application;
using MarketIntel.Pipeline.Backtesting;
using MarketIntel.Pipeline.Ports;
using MarketIntel.Pipeline.Scheduling;
using MarketIntel.Pipeline.Trading;
using MarketIntel.Pipeline.Workflows;
using MarketIntel.Storage.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MarketIntel.Composition;

/// <summary>
/// The services both hosts share: storage, the clock, ingestion, the pipeline's settings and activities, the Event Hub
/// tick path, the API's options and JSON. Each host adds only what is its own: the local host its orchestration runner,
/// scheduler, OpenAPI generator and dashboard; the Functions app its Durable starter and metrics.
/// </summary>
public static class MarketIntelServices
{
    /// <param name="services">The host's service collection.</param>
    /// <param name="configuration">The host's configuration (settings as in local.settings.sample.json).</param>
    /// <param name="hostName">"local" or "functions" (reported by /api/health).</param>
    /// <param name="apiOptions">The host's final say on the API options (where the key comes from), given the configured ones.</param>
    public static IServiceCollection AddMarketIntel(
        this IServiceCollection services, IConfiguration configuration, string hostName, Func<IServiceProvider, ApiOptions, ApiOptions> apiOptions)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(apiOptions);
        services.AddMarketIntelStorage(configuration);

        // The live stream (GET /api/stream): bar writes, run status changes and paper order events of this process.
        services.AddSingleton(configuration.GetSection("Api:Stream").Get<StreamOptions>() ?? new StreamOptions());
        services.AddSingleton<LiveEvents>();
        services.AddSingleton<IBarWriteListener>(sp => sp.GetRequiredService<LiveEvents>());
        services.AddSingleton<IPipelineNotifications>(sp => sp.GetRequiredService<LiveEvents>());

        // Every bar write in the process goes through this decorator, so the bars response cache and the stream see it.
        services.AddSingleton<BarSeriesVersions>();
        services.Decorate<IBarStore, VersionedBarStore>();
        services.AddSingleton<BarsResponseCache>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new ApiHostInfo(hostName));
        services.AddSingleton<StoreHealthProbe>();
        services.AddSingleton(sp => apiOptions(sp, configuration.GetSection("Api").Get<ApiOptions>() ?? new ApiOptions()));
        services.AddSingleton(sp => new ApiKeyring(configuration, sp.GetRequiredService<ApiOptions>()));
        services.AddMarketIntelIngestion(configuration);

        var settings = PipelineSettings.From(configuration);
        services.AddSingleton(settings);
        services.AddSingleton<MonteCarloActivities>();
        services.AddSingleton<RunRecordActivities>();
        services.AddSingleton<IngestActivities>();
        services.AddSingleton<ScanActivities>();
        services.AddSingleton<RetentionActivities>();
        services.AddSingleton<PaperTrading>();
        services.AddSingleton<BacktestRuns>();
        services.AddSingleton<PaperActivities>();
        services.AddBrokers(configuration);
        services.AddSingleton<PipelineActivities>();

        // The use cases the API's handlers and the timers call (the application layer).
        services.AddSingleton(sp =>
        {
            var api = sp.GetRequiredService<ApiOptions>();
            return new Watchlists(sp.GetRequiredService<IRecordStore>(), api.Owner, api.MaxWatchlistSymbols, sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<ScanRuns>();
        services.AddSingleton<MonteCarloRuns>();
        services.AddSingleton<SystemHistory>();
        services.AddSingleton<MarketBars>();
        var ticks = new TickBatchOptions { Timeframe = settings.Timeframe };
        services.AddSingleton(ticks);
        services.AddSingleton(sp => new TickBatchProcessor(
            sp.GetRequiredService<IRawArchive>(), sp.GetRequiredService<IBarStore>(), sp.GetRequiredService<IRecordStore>(), sp.GetRequiredService<TimeProvider>(),
            ticks, sp.GetRequiredService<IngestionMetrics>(), sp.GetRequiredService<PaperTrading>()));
        AddTickBridge(services, configuration, hostName);

        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase);
        return services;
    }

    /// <summary>
    /// The tick bridge: on by default in the local host, into the tick processor in process; in the Functions app only
    /// where <c>Ticks:Bridge:Enabled</c> says so (Bicep), to the ticks event hub with the managed identity. <c>Ticks:Bridge:Sink</c>
    /// (<c>InProcess</c> or <c>EventHubs</c>) overrides the host's choice.
    /// </summary>
    private static void AddTickBridge(IServiceCollection services, IConfiguration configuration, string hostName)
    {
        var local = hostName == "local";
        var sink = configuration[TickBridgeOptions.Keys.Sink] is { Length: > 0 } configured ? configured : local ? "InProcess" : "EventHubs";
        var eventHubs = sink.Equals("EventHubs", StringComparison.OrdinalIgnoreCase);
        if (!eventHubs && !sink.Equals("InProcess", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"{TickBridgeOptions.Keys.Sink} is '{sink}'; expected InProcess or EventHubs.");
        }

        // Event Hubs consumers lag the producer: a bar's REST repair waits so that its last ticks are processed first.
        var defaults = new TickBridgeOptions { Enabled = local, RepairDelay = eventHubs ? TimeSpan.FromMinutes(2) : TimeSpan.Zero };
        services.AddTickBridge(
            configuration,
            defaults,
            sp => eventHubs ? EventHubsSink(configuration) : new InProcessTickSink(sp.GetRequiredService<TickBatchProcessor>()),
            sp => eventHubs ? BridgeLease(sp) : new AlwaysGrantedLease());
    }

    /// <summary>Blob container of the bridge's lease blob, created by the app on first use (its identity is a blob data contributor).</summary>
    public const string LeaseContainer = "leases";

    /// <summary>
    /// Every instance of a scaled-out Functions app runs the hosted bridge: a 30 s blob lease in the app's data storage
    /// (the registered <see cref="BlobServiceClient"/>, managed identity) lets only one of them publish.
    /// </summary>
    private static BlobSingletonLease BridgeLease(IServiceProvider services) =>
        new(services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(LeaseContainer).GetBlobClient("tick-bridge"), TimeSpan.FromSeconds(30));

    /// <summary>The producer reads the settings the Event Hub trigger binds to (one place): namespace, hub, and the identity's client id.</summary>
    private static EventHubsTickSink EventHubsSink(IConfiguration configuration)
    {
        var ns = configuration["TicksEventHub:fullyQualifiedNamespace"];
        var hub = configuration["TicksEventHubName"];
        if (string.IsNullOrWhiteSpace(ns) || string.IsNullOrWhiteSpace(hub))
        {
            throw new ArgumentException($"{TickBridgeOptions.Keys.Sink} is EventHubs but TicksEventHub__fullyQualifiedNamespace or TicksEventHubName is not set.");
        }

        return EventHubsTickSink.Create(ns, hub, new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = configuration["AZURE_CLIENT_ID"] }));
    }
}
