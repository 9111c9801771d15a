using System.Globalization;
using MarketIntel.Storage.Tests.Emulators;

namespace MarketIntel.Dashboard.Tests;

/// <summary>
/// The same local host and browser as <see cref="DashboardFixture"/>, on <c>--store azure</c>: Cosmos DB
/// (cosmosdb-server behind tests/emulators/cosmos-wrapper.js) and Blob storage (Azurite), both started here on
/// 127.0.0.1 from tests/node_modules and stopped on dispose. <c>COSMOS_ENDPOINT</c>/<c>COSMOS_KEY</c> and
/// <c>AZURITE_CONNECTION_STRING</c> point it at other endpoints instead.
/// </summary>
public sealed class AzureDashboardFixture : DashboardFixture
{
    private readonly string _azuriteScratch = Path.Combine(Path.GetTempPath(), "marketintel-dashboard-azurite-" + Guid.NewGuid().ToString("N")[..8]);
    private EmulatorProcess? _cosmos;
    private EmulatorProcess? _azurite;

    public override string StorageMode => "azure";

    /// <summary>A database of its own, so that a shared emulator keeps runs apart.</summary>
    public string DatabaseName { get; } = "dashboard-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>
    /// The emulator evaluates every query against every document it holds (measured here: 0.4 s per query at 15,000 bars),
    /// so this run stores less than the embedded one: a quarter of the coarser history and six hours of 1m bars.
    /// </summary>
    protected override IReadOnlyList<(string Timeframe, TimeSpan History)> History { get; } =
    [
        ("5m", TimeSpan.FromDays(1)), ("15m", TimeSpan.FromDays(3)),
        ("1h", TimeSpan.FromDays(12)), ("4h", TimeSpan.FromDays(40)), ("1d", TimeSpan.FromDays(60)),
    ];

    protected override async Task<string[]> ModeArgumentsAsync()
    {
        var endpoint = Environment.GetEnvironmentVariable("COSMOS_ENDPOINT");
        var key = Environment.GetEnvironmentVariable("COSMOS_KEY") ?? NodeEmulators.CosmosEmulatorKey;
        var blob = Environment.GetEnvironmentVariable("AZURITE_CONNECTION_STRING");
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            _cosmos = await NodeEmulators.StartCosmosAsync();
            endpoint = $"https://127.0.0.1:{_cosmos.Port.ToString(CultureInfo.InvariantCulture)}/";
        }

        if (string.IsNullOrWhiteSpace(blob))
        {
            _azurite = await NodeEmulators.StartAzuriteAsync(_azuriteScratch);
            blob = NodeEmulators.AzuriteConnectionString(_azurite.Port);
        }

        var loopback = new Uri(endpoint).IsLoopback.ToString(CultureInfo.InvariantCulture);
        return
        [
            "--store", "azure",
            $"--CosmosDb:Endpoint={endpoint}",
            $"--CosmosDb:Key={key}",
            $"--CosmosDb:Database={DatabaseName}",
            "--CosmosDb:ConnectionMode=Gateway",
            "--CosmosDb:CreateIfNotExists=true",
            // The emulator announces its own internal address: talk to the endpoint given, and accept its certificate.
            $"--CosmosDb:LimitToEndpoint={loopback}",
            $"--CosmosDb:AcceptEmulatorCertificate={loopback}",
            $"--BlobStorage:ConnectionString={blob}",
            "--Pipeline:InitialLookbackHours=6",
        ];
    }

    protected override async Task StopStorageAsync()
    {
        if (_cosmos is not null)
        {
            await _cosmos.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }

        if (Directory.Exists(_azuriteScratch))
        {
            Directory.Delete(_azuriteScratch, recursive: true);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AzureDashboardCollection : ICollectionFixture<AzureDashboardFixture>
{
    public const string Name = "dashboard on --store azure";
}
