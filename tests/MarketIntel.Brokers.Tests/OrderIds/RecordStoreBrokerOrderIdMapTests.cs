using MarketIntel.Brokers.OrderIds;
using MarketIntel.Storage.Embedded;
using Microsoft.Extensions.Time.Testing;

namespace MarketIntel.Brokers.Tests.OrderIds;

/// <summary>The client-to-venue order id map on the embedded record store: create-only intents, the venue id and its reverse entry, survival across instances (a restart), a refused remap, forgetting.</summary>
[Trait("Category", "Broker")]
public sealed class RecordStoreBrokerOrderIdMapTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 14, 0, 0, TimeSpan.Zero);
    private readonly string _data = Directory.CreateTempSubdirectory("marketintel-orderids-").FullName;
    private readonly FakeTimeProvider _time = new(Start);
    private readonly EmbeddedDatabase _database;

    public RecordStoreBrokerOrderIdMapTests() => _database = new EmbeddedDatabase(_data);

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private RecordStoreBrokerOrderIdMap NewMap() => new(new EmbeddedRecordStore(_database, _time), _time);

    [Fact]
    public async Task AnIntent_IsCreatedOnce_ARetryGetsTheFirstOneBack()
    {
        var map = NewMap();
        var first = await map.RecordIntentAsync("schwab", "123", new BrokerOrderIntent("mi-a", "fp1", Start, null));
        var again = await map.RecordIntentAsync("schwab", "123", new BrokerOrderIntent("mi-a", "fp2", Start.AddMinutes(1), null));

        Assert.Equal(first, again);
        Assert.Equal("fp1", again.Fingerprint);
        Assert.Equal(Start, again.IntendedAt);
    }

    [Fact]
    public async Task TheVenueId_IsMappedBothWays_AndSurvivesARestart()
    {
        var map = NewMap();
        await map.RecordIntentAsync("schwab", "123", new BrokerOrderIntent("mi-a", "fp1", Start, null));
        Assert.Null(await map.ClientOrderIdOfAsync("schwab", "123", "1001"));

        await map.RecordVenueIdAsync("schwab", "123", "mi-a", "1001");

        var restarted = NewMap();
        Assert.Equal("1001", (await restarted.GetAsync("schwab", "123", "mi-a"))!.VenueOrderId);
        Assert.Equal("mi-a", await restarted.ClientOrderIdOfAsync("schwab", "123", "1001"));

        // Other accounts and brokers are other partitions.
        Assert.Null(await restarted.GetAsync("schwab", "456", "mi-a"));
        Assert.Null(await restarted.ClientOrderIdOfAsync("tastytrade", "123", "1001"));
    }

    [Fact]
    public async Task MappingAnIdToASecondVenueOrder_IsRefused()
    {
        var map = NewMap();
        await map.RecordIntentAsync("schwab", "123", new BrokerOrderIntent("mi-a", "fp1", Start, null));
        await map.RecordVenueIdAsync("schwab", "123", "mi-a", "1001");

        await map.RecordVenueIdAsync("schwab", "123", "mi-a", "1001");
        await Assert.ThrowsAsync<InvalidOperationException>(() => map.RecordVenueIdAsync("schwab", "123", "mi-a", "1002"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => map.RecordVenueIdAsync("schwab", "123", "mi-unknown", "1003"));
    }

    [Fact]
    public async Task AForgottenIntent_IsGone_SoARetryRecordsAFreshOne()
    {
        var map = NewMap();
        await map.RecordIntentAsync("schwab", "123", new BrokerOrderIntent("mi-a", "fp1", Start, null));
        await map.ForgetAsync("schwab", "123", "mi-a");

        Assert.Null(await map.GetAsync("schwab", "123", "mi-a"));
        var fresh = await map.RecordIntentAsync("schwab", "123", new BrokerOrderIntent("mi-a", "fp2", Start.AddMinutes(1), null));
        Assert.Equal("fp2", fresh.Fingerprint);
    }
}
