using MarketIntel.Core.Brokerage;
using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using MarketIntel.Core.Trading;
using MarketIntel.Pipeline.Trading;
using MarketIntel.Storage.Embedded;
using Microsoft.Extensions.Time.Testing;

namespace MarketIntel.Brokers.Tests.Paper;

/// <summary>
/// The paper engine through the broker port, on the real <see cref="PaperTrading"/> over embedded storage: submit
/// (idempotent by client order id), cancel, read orders, positions and the account, the event stream, risk rejections as
/// reason codes, and capability refusals before anything reaches the engine.
/// </summary>
[Trait("Category", "Broker")]
public sealed class PaperBrokerTests : IDisposable
{
    private static readonly DateTime Start = new(2026, 3, 2, 14, 30, 0, DateTimeKind.Utc);
    private readonly string _data = Directory.CreateTempSubdirectory("marketintel-paper-broker-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(Start, TimeSpan.Zero));
    private readonly EmbeddedBarStore _bars;
    private readonly PaperTrading _paper;

    public PaperBrokerTests()
    {
        var database = new EmbeddedDatabase(_data);
        _bars = new EmbeddedBarStore(database, _time);
        _paper = new PaperTrading(new EmbeddedRecordStore(database, _time), _bars, _time);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    private async Task<PaperBroker> OpenAsync(RiskLimits? limits = null)
    {
        await _paper.OpenAsync("acct", new PaperAccountSettings { Name = "Port", StartingCash = 10_000, Limits = limits ?? new RiskLimits() });
        await StoreBarAsync(0, 100);

        // The stream polls on the real clock (quickly); the engine's own times stay on the fake one.
        return await PaperBroker.OpenAsync(_paper, "acct", TimeProvider.System, TimeSpan.FromMilliseconds(20));
    }

    /// <summary>A minute bar of SPY <paramref name="minute"/> minutes after the start, open = close, range ±1; the clock moves past it.</summary>
    private async Task StoreBarAsync(int minute, double close)
    {
        var open = Start.AddMinutes(minute);
        await _bars.UpsertAsync(new Symbol("SPY"), Timeframe.OneMinute, [new Bar(open, close, close + 1, close - 1, close, 1000)], new BarProvenance("test", "1"));
        _time.SetUtcNow(new DateTimeOffset(open.AddMinutes(1).AddSeconds(1), TimeSpan.Zero));
    }

    private static OrderRequest Limit(string id, OrderSide side, double quantity, double price) => new(id, "SPY", side, OrderType.Limit, quantity, price, null, TimeInForce.Gtc);

    [Fact]
    public async Task Submit_IsOneOrderPerClientOrderId_ThenCancelAndReadsGoThroughThePort()
    {
        var broker = await OpenAsync();
        var id = BrokerClientOrderId.For("acct", "setup-1", "entry");

        var first = await broker.SubmitAsync(BrokerOrderRequest.Simple(Limit(id, OrderSide.Buy, 10, 99)));
        var again = await broker.SubmitAsync(BrokerOrderRequest.Simple(Limit(id, OrderSide.Buy, 10, 99)));

        Assert.False(first.Duplicate);
        Assert.Equal(OrderStatus.Accepted, first.Order.Status);
        Assert.True(again.Duplicate);
        Assert.Equal(first.Order, again.Order);
        Assert.Single((await _paper.LoadAsync("acct")).Engine.Orders);
        Assert.Equal([id], (await broker.GetOrdersAsync(BrokerOrderQuery.Open)).Select(o => o.ClientOrderId));

        var canceled = await broker.CancelAsync(id);
        Assert.Equal(OrderStatus.Canceled, canceled.Status);
        Assert.Equal(OrderStatus.Canceled, (await broker.GetOrderAsync(id))!.Status);
        Assert.Empty(await broker.GetOrdersAsync(BrokerOrderQuery.Open));
        Assert.Single(await broker.GetOrdersAsync(new BrokerOrderQuery(BrokerOrderScope.All)));

        var conflict = await Assert.ThrowsAsync<BrokerException>(() => broker.CancelAsync(id));
        Assert.Equal((BrokerErrorKind.Conflict, BrokerReasonCodes.NotCancelable), (conflict.Kind, conflict.ReasonCode));
        var missing = await Assert.ThrowsAsync<BrokerException>(() => broker.CancelAsync("no-such-order"));
        Assert.Equal(BrokerErrorKind.NotFound, missing.Kind);
        Assert.Null(await broker.GetOrderAsync("no-such-order"));
    }

    [Fact]
    public async Task ABracketFills_ThePositionAndAccountShowIt_AndTheStreamPassesEachEventOnce()
    {
        var broker = await OpenAsync();
        var id = BrokerClientOrderId.For("acct", "setup-2", "entry");
        // The stream passes on what happens after its starting point, taken here before anything is submitted.
        await using var events = broker.StreamOrderEventsAsync(await broker.EventPositionAsync()).GetAsyncEnumerator();
        var first = events.MoveNextAsync();

        var entry = new OrderRequest(id, "SPY", OrderSide.Buy, OrderType.Market, 10, TimeInForce: TimeInForce.Day);
        var submitted = await broker.SubmitAsync(BrokerOrderRequest.WithBracket(new BracketRequest(entry, 95, 110)));
        Assert.Equal(OrderStatus.Accepted, submitted.Order.Status);
        await StoreBarAsync(2, 101);
        Assert.Equal(1, await _paper.EvaluateAsync("acct", ["SPY"]));

        var seen = new List<BrokerOrderEvent>();
        Assert.True(await first);
        seen.Add(events.Current);
        while (seen.Count < 4)
        {
            Assert.True(await events.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
            seen.Add(events.Current);
        }

        // Entry accepted then filled; once it is done its two exits start working.
        Assert.Equal([(id, OrderEventKind.Accept), (id, OrderEventKind.Fill), (id + ":stop", OrderEventKind.Accept), (id + ":target", OrderEventKind.Accept)],
            seen.Select(e => (e.ClientOrderId, e.Transition!.Kind)));
        var filled = await broker.GetOrderAsync(id);
        Assert.Equal(OrderStatus.Filled, filled!.Status);
        Assert.Equal(2, filled.Legs!.Count);
        var position = Assert.Single(await broker.GetPositionsAsync());
        Assert.Equal(("SPY", 10.0), (position.Symbol, position.Quantity));
        var account = await broker.GetAccountAsync();
        Assert.Equal(10_000 - (10 * filled.AveragePrice!.Value), account.Cash, 9);
        Assert.False(account.TradingBlocked);
    }

    [Fact]
    public async Task ARiskRejection_IsARejectedOrderWithTheRuleAsReasonCode()
    {
        var broker = await OpenAsync();

        var result = await broker.SubmitAsync(BrokerOrderRequest.Simple(Limit("too-big", OrderSide.Buy, 1000, 100)));

        Assert.Equal(OrderStatus.Rejected, result.Order.Status);
        Assert.Equal(RiskRules.InsufficientCash, result.Order.Reason);
    }

    [Fact]
    public async Task WhatTheAccountCannotDo_IsRefusedBeforeTheEngineSeesIt_NamingTheCapability()
    {
        var broker = await OpenAsync(new RiskLimits { AllowShort = false });

        var shortSale = await Assert.ThrowsAsync<BrokerException>(() => broker.SubmitAsync(BrokerOrderRequest.Simple(Limit("short-1", OrderSide.Sell, 5, 101))));
        var fractional = await Assert.ThrowsAsync<BrokerException>(() => broker.SubmitAsync(BrokerOrderRequest.Simple(Limit("frac-1", OrderSide.Buy, 1.5, 99))));
        var replace = await Assert.ThrowsAsync<BrokerException>(() => broker.ReplaceAsync(new BrokerReplaceRequest("x", "y", 2)));

        Assert.Equal((BrokerErrorKind.Refused, BrokerReasonCodes.ShortSellingUnsupported), (shortSale.Kind, shortSale.ReasonCode));
        var preflight = await broker.PreflightAsync(BrokerOrderRequest.Simple(Limit("short-1", OrderSide.Sell, 5, 101)));
        Assert.Equal((false, BrokerReasonCodes.ShortSellingUnsupported), (preflight.Accepted, preflight.ReasonCode));
        Assert.True((await broker.PreflightAsync(BrokerOrderRequest.Simple(Limit("buy-1", OrderSide.Buy, 5, 99)))).Accepted);
        Assert.Equal(BrokerReasonCodes.FractionalUnsupported, fractional.ReasonCode);
        Assert.Equal(BrokerReasonCodes.ReplaceUnsupported, replace.ReasonCode);
        Assert.Empty((await _paper.LoadAsync("acct")).Engine.Orders);
    }
}
