using MarketIntel.Storage.Tests.Emulators;

namespace MarketIntel.Dashboard.Tests;

/// <summary>
/// The same local host and browser as <see cref="DashboardFixture"/>, on <c>--store tables</c>: bars and records in
/// Azure Tables, the raw archive and artifacts in Blob storage, both on the storage tests' Azurite fixture (started on
/// 127.0.0.1 and stopped on dispose; <c>AZURITE_CONNECTION_STRING</c> points it elsewhere), under a table prefix of its own.
/// </summary>
public sealed class TablesDashboardFixture : DashboardFixture
{
    private readonly AzuriteFixture _azurite = new();

    public override string StorageMode => "tables";

    /// <summary>The shorter history of the Cosmos mode, so the two emulator runs stay comparable in time.</summary>
    protected override IReadOnlyList<(string Timeframe, TimeSpan History)> History { get; } =
    [
        ("5m", TimeSpan.FromDays(1)), ("15m", TimeSpan.FromDays(3)),
        ("1h", TimeSpan.FromDays(12)), ("4h", TimeSpan.FromDays(40)), ("1d", TimeSpan.FromDays(60)),
    ];

    protected override async Task<string[]> ModeArgumentsAsync()
    {
        await _azurite.InitializeAsync();
        return
        [
            "--store", "tables",
            $"--Tables:ConnectionString={_azurite.TablesConnectionString}",
            $"--Tables:TablePrefix=dash{Guid.NewGuid().ToString("N")[..8]}",
            $"--BlobStorage:ConnectionString={_azurite.ConnectionString}",
            "--Pipeline:InitialLookbackHours=6",
        ];
    }

    protected override Task StopStorageAsync() => _azurite.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class TablesDashboardCollection : ICollectionFixture<TablesDashboardFixture>
{
    public const string Name = "dashboard on --store tables";
}
