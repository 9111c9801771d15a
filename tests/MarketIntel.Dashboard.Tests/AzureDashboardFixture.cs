using System.Globalization;
using MarketIntel.Storage.Tests.Emulators;

namespace MarketIntel.Dashboard.Tests;

/// <summary>
/// The same local host and browser as <see cref="DashboardFixture"/>, on <c>--store azure</c>: Cosmos DB and Blob
/// storage from the storage tests' emulator fixtures (cosmosdb-server behind tests/emulators/cosmos-wrapper.js, and
/// Azurite, started on 127.0.0.1 and stopped on dispose; <c>COSMOS_ENDPOINT</c>/<c>COSMOS_KEY</c> and
/// <c>AZURITE_CONNECTION_STRING</c> point them elsewhere), with a database of its own that is deleted on dispose.
/// </summary>
public sealed class AzureDashboardFixture : DashboardFixture
{
    private readonly CosmosEmulatorFixture _cosmos = new();
    private readonly AzuriteFixture _azurite = new();

    public override string StorageMode => "azure";

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
        await _cosmos.InitializeAsync();
        await _azurite.InitializeAsync();
        var loopback = _cosmos.Endpoint.IsLoopback.ToString(CultureInfo.InvariantCulture);
        return
        [
            "--store", "azure",
            $"--CosmosDb:Endpoint={_cosmos.Endpoint}",
            $"--CosmosDb:Key={_cosmos.Key}",
            $"--CosmosDb:Database={_cosmos.DatabaseName}",
            "--CosmosDb:ConnectionMode=Gateway",
            "--CosmosDb:CreateIfNotExists=true",
            // The emulator announces its own internal address: talk to the endpoint given, and accept its certificate.
            $"--CosmosDb:LimitToEndpoint={loopback}",
            $"--CosmosDb:AcceptEmulatorCertificate={loopback}",
            $"--BlobStorage:ConnectionString={_azurite.ConnectionString}",
            "--Pipeline:InitialLookbackHours=6",
        ];
    }

    protected override async Task StopStorageAsync()
    {
        await _azurite.DisposeAsync();
        await _cosmos.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class AzureDashboardCollection : ICollectionFixture<AzureDashboardFixture>
{
    public const string Name = "dashboard on --store azure";
}
