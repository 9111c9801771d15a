using MarketIntel.Brokers.OrderIds;
using MarketIntel.Brokers.Tastytrade;
using MarketIntel.Brokers.Tests.Shared;
using MarketIntel.Core.Brokerage;
using MarketIntel.Core.Trading;
using MarketIntel.Storage.Embedded;

namespace MarketIntel.Brokers.Tests.Tastytrade;

/// <summary>tastytrade's order events by polling the order search: a bracket's entry fill releases its exits, and a fill made while the searches were failing arrives once when they work again.</summary>
[Trait("Category", "Broker")]
public sealed class TastytradeOrderEventsTests : IAsyncLifetime, IDisposable
{
    private readonly HttpClient _http = new();
    private readonly string _data = Directory.CreateTempSubdirectory("marketintel-tastytrade-events-").FullName;
    private FakeTastytradeServer _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeTastytradeServer.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    public void Dispose()
    {
        _http.Dispose();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task AFillWhileSearchesFail_ArrivesOnce_AndTheExitsGoLive()
    {
        var map = new RecordStoreBrokerOrderIdMap(new EmbeddedRecordStore(new EmbeddedDatabase(_data), TimeProvider.System), TimeProvider.System);
        var options = new TastytradeOptions
        {
            ClientSecret = FakeTastytradeServer.ClientSecret,
            AccountNumber = FakeTastytradeServer.AccountNumber,
            BaseUrl = _fake.BaseUrl,
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
            MaxSubmitAttempts = 1,
            PollInterval = TimeSpan.FromMilliseconds(100),
        };
        var log = new RecordingLogger();
        using var broker = new TastytradeBroker(_http, options, new InMemoryBrokerSecretStore(), map, TimeProvider.System, log);
        await broker.ConnectAsync(FakeTastytradeServer.RefreshToken);
        var id = BrokerClientOrderId.For("tastytrade", "setup-e", "entry");
        await using var events = new OrderEventCollector(broker);

        var submitted = await broker.SubmitAsync(BrokerOrderRequest.WithBracket(new BracketRequest(new OrderRequest(id, "AAPL", OrderSide.Buy, OrderType.Limit, 10, 100, null, TimeInForce.Gtc), StopLoss: 95, TakeProfit: 110)));
        await events.WaitForAsync(1);
        _fake.Fill(submitted.Order.VenueOrderId!, 4, 100);
        await events.WaitForAsync(2);

        _fake.FailOrderSearches = true;
        await OrderEventCollector.WaitForMoreLogAsync(log, "order poll failed", 2);
        _fake.Fill(submitted.Order.VenueOrderId!, 6, 100.5);
        await Task.Delay(300);
        Assert.Equal(2, events.Events.Count);
        _fake.FailOrderSearches = false;

        // The rest of the entry's fill, then the two exits accepted once they are Live.
        await events.WaitForAsync(5);
        await Task.Delay(500);
        await events.DisposeAsync();

        var all = events.Events;
        var entry = all.Where(e => e.ClientOrderId == id).Select(e => e.Transition!.Kind).ToList();
        Assert.Equal([OrderEventKind.Accept, OrderEventKind.PartialFill, OrderEventKind.Fill], entry);
        Assert.Equal(6, all.Single(e => e.ClientOrderId == id && e.Transition!.Kind == OrderEventKind.Fill).Transition!.Quantity);
        var exits = all.Where(e => e.ClientOrderId != id).ToList();
        Assert.Equal(2, exits.Count);
        Assert.All(exits, e => Assert.Equal(OrderEventKind.Accept, e.Transition!.Kind));
    }
}
