using System.Text.Json;
using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using MarketIntel.Storage.Cosmos;
using MarketIntel.Storage.Documents;
using MarketIntel.Storage.Tests.Emulators;
using Microsoft.Azure.Cosmos;

namespace MarketIntel.Storage.Tests.Cosmos;

/// <summary>
/// The real SDK over the emulator with network faults injected under it (<see cref="CosmosFaultInjectingHandler"/>):
/// the stores' writes retried by <see cref="CosmosWriteRetry"/> (1 ms first delay, so the tests are quick), and a
/// conditional write whose first attempt landed but whose response was lost told apart from a real conflict.
/// </summary>
[Trait("Category", "Emulator")]
[Collection(CosmosCollection.Name)]
public sealed class CosmosWriteRetryEmulatorTests(CosmosEmulatorFixture cosmos) : IDisposable
{
    private static readonly DateTimeOffset CreatedAt = new(2026, 3, 2, 14, 30, 0, TimeSpan.Zero);

    private readonly List<IDisposable> disposables = [];

    [Fact]
    public async Task BarUpserts_WhoseConnectionsAreRefused_AreRetried_AndEveryBarIsStoredOnce()
    {
        var (storage, faults) = Faulty(maxRetries: 6);
        var bars = new CosmosBarStore(storage, TimeProvider.System);
        var symbol = TestBars.UniqueSymbol("RETRY");
        var series = TestBars.Generate(Timeframe.OneMinute, CreatedAt.UtcDateTime, 50);
        faults.FailNextWrites(20, CosmosFault.ConnectionRefused);

        await bars.UpsertAsync(symbol, Timeframe.OneMinute, series, new BarProvenance("retry", "1"));

        Assert.Equal(20, faults.Injected);
        var stored = await new CosmosBarStore(cosmos.Storage, TimeProvider.System).ReadAsync(
            new BarRangeQuery(symbol, Timeframe.OneMinute, series[0].OpenTime, series[^1].OpenTime.AddMinutes(1), PageSize: 1000));
        Assert.Equal(series, stored.Items.Select(b => b.Bar));
    }

    [Fact]
    public async Task WithoutRetries_ARefusedConnection_Escapes_TheSdkDoesNotRetryTheWrite()
    {
        var (storage, faults) = Faulty(maxRetries: 0);
        var bars = new CosmosBarStore(storage, TimeProvider.System);
        faults.FailNextWrites(1, CosmosFault.ConnectionRefused);

        await Assert.ThrowsAsync<HttpRequestException>(() => bars.UpsertAsync(
            TestBars.UniqueSymbol("RETRY"), Timeframe.OneMinute, TestBars.Generate(Timeframe.OneMinute, CreatedAt.UtcDateTime, 1), new BarProvenance("retry", "1")));
        Assert.Equal(1, faults.Injected);
    }

    [Fact]
    public async Task Create_WhoseResponseWasLostAfterItLanded_IsReportedCreated()
    {
        var (storage, faults) = Faulty(maxRetries: 6);
        var store = new CosmosRecordStore(storage, TimeProvider.System);
        var record = Run("created");
        faults.FailNextWrites(1, CosmosFault.ResponseLostAfterLanding);

        var result = await store.CreateAsync(record);

        Assert.Equal(1, faults.Injected);
        Assert.Equal(WriteOutcome.Created, result.Outcome);
        var stored = await new CosmosRecordStore(cosmos.Storage, TimeProvider.System).GetAsync<JsonElement>(record.Kind, record.PartitionKey, record.Id);
        Assert.Equal(stored!.ETag, result.Record.ETag);
    }

    [Fact]
    public async Task Create_OfARecordAnotherWriterCreatedFirst_IsStillAlreadyExisted_AfterAnUnknownOutcome()
    {
        var (storage, faults) = Faulty(maxRetries: 6);
        var store = new CosmosRecordStore(storage, TimeProvider.System);
        var record = Run("mine");
        var other = new CosmosRecordStore(cosmos.Storage, TimeProvider.System);
        faults.FailNextWrites(1, CosmosFault.ConnectionResetBeforeSending, () => other.CreateAsync(record with { Status = "theirs" }));

        var result = await store.CreateAsync(record);

        Assert.Equal(WriteOutcome.AlreadyExisted, result.Outcome);
        Assert.Equal("theirs", result.Record.Status);
    }

    [Fact]
    public async Task ConditionalReplace_WhoseResponseWasLostAfterItLanded_Succeeds_WithTheStoredETag()
    {
        var (storage, faults) = Faulty(maxRetries: 6);
        var store = new CosmosRecordStore(storage, TimeProvider.System);
        var created = (await store.CreateAsync(Run("v1"))).Record;
        faults.FailNextWrites(1, CosmosFault.ResponseLostAfterLanding);

        var replaced = await store.UpsertAsync(created with { Status = "v2" });

        Assert.Equal(1, faults.Injected);
        var stored = await new CosmosRecordStore(cosmos.Storage, TimeProvider.System).GetAsync<JsonElement>(created.Kind, created.PartitionKey, created.Id);
        Assert.Equal("v2", stored!.Status);
        Assert.Equal(stored.ETag, replaced.ETag);
        Assert.NotEqual(created.ETag, replaced.ETag);
    }

    [Fact]
    public async Task ConditionalReplace_OvertakenByAnotherWriterDuringAnUnknownOutcome_IsAConflict()
    {
        var (storage, faults) = Faulty(maxRetries: 6);
        var store = new CosmosRecordStore(storage, TimeProvider.System);
        var created = (await store.CreateAsync(Run("v1"))).Record;
        var other = new CosmosRecordStore(cosmos.Storage, TimeProvider.System);
        faults.FailNextWrites(1, CosmosFault.ConnectionResetBeforeSending, () => other.UpsertAsync(created with { Status = "theirs" }));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.UpsertAsync(created with { Status = "mine" }));

        var stored = await other.GetAsync<JsonElement>(created.Kind, created.PartitionKey, created.Id);
        Assert.Equal("theirs", stored!.Status);
    }

    [Fact]
    public async Task ConditionalDelete_WhoseResponseWasLostAfterItLanded_ReportsDeleted()
    {
        var (storage, faults) = Faulty(maxRetries: 6);
        var store = new CosmosRecordStore(storage, TimeProvider.System);
        var created = (await store.CreateAsync(Run("v1"))).Record;
        faults.FailNextWrites(1, CosmosFault.ResponseLostAfterLanding);

        Assert.True(await store.DeleteAsync(created.Kind, created.PartitionKey, created.Id, created.ETag));
        Assert.Null(await store.GetAsync<JsonElement>(created.Kind, created.PartitionKey, created.Id));
    }

    public void Dispose()
    {
        foreach (var disposable in disposables)
        {
            disposable.Dispose();
        }
    }

    private static RecordEnvelope<JsonElement> Run(string status) => new(
        "run-" + Guid.NewGuid().ToString("N")[..12],
        "retry-" + Guid.NewGuid().ToString("N")[..8],
        RecordKinds.ScanRun,
        CreatedAt,
        JsonSerializer.SerializeToElement(new { universe = "sp500" }),
        "0.1.0+retry",
        status,
        JsonSerializer.SerializeToElement(new { ranked = new[] { 1.5, 2.25 }, note = "x" }));

    /// <summary>A client of the fixture's database whose HTTP requests pass through a fault injector.</summary>
    private (CosmosStorage Storage, CosmosFaultInjectingHandler Faults) Faulty(int maxRetries)
    {
        var faults = new CosmosFaultInjectingHandler(new HttpClientHandler
        {
            // The emulator's self-signed certificate, as StorageClients accepts it for a loopback emulator.
            ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
        });
        var client = new CosmosClient(cosmos.Endpoint.ToString(), cosmos.Key, new CosmosClientOptions
        {
            ConnectionMode = ConnectionMode.Gateway,
            LimitToEndpoint = cosmos.Endpoint.IsLoopback,
            UseSystemTextJsonSerializerWithOptions = StorageJson.Options,
            HttpClientFactory = () => new HttpClient(faults, disposeHandler: false),
        });
        disposables.Add(client);
        disposables.Add(faults);
        var retry = new CosmosWriteRetry(TimeProvider.System, maxRetries, TimeSpan.FromMilliseconds(1));
        return (new CosmosStorage(client, cosmos.DatabaseName, createIfNotExists: false, writeRetry: retry), faults);
    }
}
