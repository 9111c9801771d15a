using System.Text.Json.Nodes;
using MarketIntel.Brokers.OAuth;
using MarketIntel.Brokers.OrderIds;
using MarketIntel.Brokers.Tastytrade;
using MarketIntel.Brokers.Tests.Shared;
using MarketIntel.Core.Brokerage;
using MarketIntel.Core.Trading;
using MarketIntel.Storage.Embedded;
using Microsoft.Extensions.Time.Testing;

namespace MarketIntel.Brokers.Tests.Tastytrade;

/// <summary>
/// The tastytrade adapter against the local fake: the documented order body with our id as external-identifier, one
/// order per client order id whatever happens to the answer (tastytrade itself never deduplicates), no guess when several
/// orders carry the id, 429 backoff, the refresh-token connection (refresh ahead of the 15 minutes and on a 401, a refused
/// refresh), the dry run as the pre-flight, rejections as reason codes, OTOCO brackets and OTO reversals, and the plain calls.
/// </summary>
[Trait("Category", "Broker")]
public sealed class TastytradeBrokerTests : IAsyncLifetime, IDisposable
{
    private readonly HttpClient _http = new();
    private readonly InMemoryBrokerSecretStore _secrets = new();
    private readonly string _data = Directory.CreateTempSubdirectory("marketintel-tastytrade-").FullName;
    private readonly EmbeddedDatabase _database;
    private FakeTastytradeServer _fake = null!;

    public TastytradeBrokerTests() => _database = new EmbeddedDatabase(_data);

    public async Task InitializeAsync() => _fake = await FakeTastytradeServer.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    public void Dispose()
    {
        _http.Dispose();
        Directory.Delete(_data, recursive: true);
    }

    private TastytradeOptions Options(TimeSpan? timeout = null) => new()
    {
        ClientSecret = FakeTastytradeServer.ClientSecret,
        AccountNumber = FakeTastytradeServer.AccountNumber,
        BaseUrl = _fake.BaseUrl,
        RequestTimeout = timeout ?? TimeSpan.FromSeconds(10),
        RetryBaseDelay = TimeSpan.FromMilliseconds(50),
        PollInterval = TimeSpan.FromMilliseconds(100),
    };

    private IBrokerOrderIdMap Map(TimeProvider time) => new RecordStoreBrokerOrderIdMap(new EmbeddedRecordStore(_database, time), time);

    private async Task<TastytradeBroker> ConnectedAsync(TastytradeOptions? options = null, TimeProvider? time = null, RecordingLogger? log = null)
    {
        time ??= TimeProvider.System;
        var broker = new TastytradeBroker(_http, options ?? Options(), _secrets, Map(time), time, log);
        await broker.ConnectAsync(FakeTastytradeServer.RefreshToken);
        return broker;
    }

    private static OrderRequest LimitBuy(string id, double quantity = 100, double price = 175.25, TimeInForce tif = TimeInForce.Day) =>
        new(id, "AAPL", OrderSide.Buy, OrderType.Limit, quantity, price, null, tif);

    [Fact]
    public async Task ASubmit_SendsTheDocumentedBody_WithOurIdAsExternalIdentifier()
    {
        using var broker = await ConnectedAsync();
        var id = BrokerClientOrderId.For("tastytrade", "setup-1", "entry");

        var result = await broker.SubmitAsync(BrokerOrderRequest.Simple(LimitBuy(id)));

        Assert.False(result.Duplicate);
        Assert.Equal(id, result.Order.ClientOrderId);
        Assert.Equal(OrderStatus.Accepted, result.Order.Status);
        Assert.Equal("Live", result.Order.VenueStatus);
        Assert.Equal(175.25, result.Order.LimitPrice);
        Assert.Equal(
            $$"""{"time-in-force":"Day","order-type":"Limit","price":"175.25","price-effect":"Debit","external-identifier":"{{id}}","source":"marketintel/1.0","legs":[{"instrument-type":"Equity","symbol":"AAPL","quantity":100,"action":"Buy to Open"}]}""",
            JsonNode.Parse(_fake.SubmitBodies.Single())!.ToJsonString());
    }

    [Theory]
    [InlineData(SubmitFault.DelayAnswer)]
    [InlineData(SubmitFault.LoseAnswer)]
    [InlineData(SubmitFault.FailBeforeAccepting)]
    public async Task ASubmitWhoseAnswerIsLost_IsResolvedByItsExternalIdentifier_AndTheFakeHoldsExactlyOneOrder(SubmitFault fault)
    {
        using var broker = await ConnectedAsync(Options(timeout: TimeSpan.FromSeconds(2)));
        var id = BrokerClientOrderId.For("tastytrade", "setup-2", "entry");
        _fake.NextSubmitFault = fault;

        var result = await broker.SubmitAsync(BrokerOrderRequest.Simple(LimitBuy(id)));
        var again = await broker.SubmitAsync(BrokerOrderRequest.Simple(LimitBuy(id)));

        Assert.Equal(1, _fake.OrderCount());
        Assert.Equal(id, result.Order.ClientOrderId);
        Assert.True(again.Duplicate);
        Assert.Equal(result.Order.VenueOrderId, again.Order.VenueOrderId);
        Assert.Equal(fault == SubmitFault.FailBeforeAccepting ? 2 : 1, _fake.SubmitBodies.Count);
        Assert.True(_fake.Count("GET", $"/accounts/{FakeTastytradeServer.AccountNumber}/orders/live") >= 1);
    }

    [Fact]
    public async Task SeveralOrdersCarryingOurId_AfterALostAnswer_AreAnError_NotAGuess()
    {
        using var broker = await ConnectedAsync(Options(timeout: TimeSpan.FromSeconds(2)));
        var id = BrokerClientOrderId.For("tastytrade", "setup-3", "entry");
        _fake.PlaceElsewhere("AAPL", id);
        _fake.NextSubmitFault = SubmitFault.LoseAnswer;

        var error = await Assert.ThrowsAsync<BrokerException>(() => broker.SubmitAsync(BrokerOrderRequest.Simple(LimitBuy(id))));

        Assert.Equal(BrokerReasonCodes.UnknownOutcome, error.ReasonCode);
        Assert.Single(_fake.SubmitBodies);
    }

    [Fact]
    public async Task A429WithoutHeaders_IsWaitedOutExponentially_OnTheInjectedClock()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var log = new RecordingLogger();
        using var broker = await ConnectedAsync(Options() with { RetryBaseDelay = TimeSpan.FromSeconds(2) }, time, log);
        _fake.AnswerTooManyRequests(1);

        var read = broker.GetAccountAsync();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!log.Lines.Any(l => l.Contains("waiting 00:00:02", StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, "the adapter never announced its wait: " + string.Join(" | ", log.Lines));
            await Task.Delay(10);
        }

        await Task.Delay(100);
        time.Advance(TimeSpan.FromSeconds(1.9));
        await Task.Delay(300);
        Assert.False(read.IsCompleted, "the request was sent again before the backoff had passed");
        time.Advance(TimeSpan.FromSeconds(0.1));
        var account = await read.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(FakeTastytradeServer.AccountNumber, account.AccountId);
        Assert.Equal(50000, account.BuyingPower);
        Assert.Equal(2, _fake.Count("GET", $"/accounts/{FakeTastytradeServer.AccountNumber}/balances"));
    }

    [Fact]
    public async Task TheAccessToken_IsRefreshedAheadOfItsFifteenMinutes_AndOnA401_AndARefusedRefreshRequiresReauthorization()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var broker = await ConnectedAsync(time: time);
        Assert.Equal(1, _fake.Count("POST", "/oauth/token"));
        var status = await broker.Tokens.GetStatusAsync();
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromMinutes(15), status.AccessTokenExpires);
        Assert.Null(status.RefreshTokenExpires);

        time.Advance(TimeSpan.FromMinutes(12));
        await broker.GetPositionsAsync();
        Assert.Equal(1, _fake.Count("POST", "/oauth/token"));
        time.Advance(TimeSpan.FromMinutes(1.5));
        await broker.GetPositionsAsync();
        Assert.Equal(2, _fake.Count("POST", "/oauth/token"));

        _fake.ExpireAccessTokens();
        await broker.GetPositionsAsync();
        Assert.Equal(3, _fake.Count("POST", "/oauth/token"));

        // A refresh token that never expires can still be revoked: then a person must connect again.
        _fake.ExpireAccessTokens();
        _fake.RefreshTokenRevoked = true;
        var error = await Assert.ThrowsAsync<BrokerException>(() => broker.GetPositionsAsync());
        Assert.Equal(OAuthReasonCodes.ReauthorizationRequired, error.ReasonCode);
        Assert.Equal(OAuthConnectionState.ReauthorizationRequired, (await broker.Tokens.GetStatusAsync()).State);
    }

    [Fact]
    public async Task AWrongRefreshToken_FailsAtConnect()
    {
        using var broker = new TastytradeBroker(_http, Options(), _secrets, Map(TimeProvider.System), TimeProvider.System);
        var error = await Assert.ThrowsAsync<BrokerException>(() => broker.ConnectAsync("not-the-token"));
        Assert.Equal(OAuthReasonCodes.ReauthorizationRequired, error.ReasonCode);
    }

    [Fact]
    public async Task TheDryRun_IsThePreflight_ItsErrorsAreReasonCodes_ItsWarningsPass_AndNothingIsCreated()
    {
        using var broker = await ConnectedAsync();
        var id = BrokerClientOrderId.For("tastytrade", "setup-4", "entry");

        Assert.Equal(BrokerPreflight.Pass, await broker.PreflightAsync(BrokerOrderRequest.Simple(LimitBuy(id))));

        _fake.WarnOnDryRun = true;
        var warned = await broker.PreflightAsync(BrokerOrderRequest.Simple(LimitBuy(id)));
        Assert.True(warned.Accepted);
        Assert.Contains("tif_next_valid_session", warned.Message, StringComparison.Ordinal);

        _fake.RejectNextWith = "buying_power";
        var refused = await broker.PreflightAsync(BrokerOrderRequest.Simple(LimitBuy(id)));
        Assert.False(refused.Accepted);
        Assert.Equal(BrokerReasonCodes.InsufficientBuyingPower, refused.ReasonCode);
        Assert.Contains("margin_check_failed", refused.Message, StringComparison.Ordinal);

        var fractional = await broker.PreflightAsync(BrokerOrderRequest.Simple(LimitBuy(id, quantity: 0.5)));
        Assert.Equal(BrokerReasonCodes.FractionalUnsupported, fractional.ReasonCode);
        Assert.Equal(3, _fake.Count("POST", $"/accounts/{FakeTastytradeServer.AccountNumber}/orders/dry-run"));
        Assert.Equal(0, _fake.OrderCount());
    }

    [Theory]
    [InlineData("buying_power", BrokerReasonCodes.InsufficientBuyingPower)]
    [InlineData("closing_only", BrokerReasonCodes.AccountBlocked)]
    [InlineData("invalid", BrokerReasonCodes.VenueRejected)]
    public async Task ARejectedSubmit_IsTheOrderRejectedWithAReasonCode_AndARetryMaySendAgain(string error, string reason)
    {
        using var broker = await ConnectedAsync();
        var id = BrokerClientOrderId.For("tastytrade", "setup-5", "entry");
        _fake.RejectNextWith = error;

        var result = await broker.SubmitAsync(BrokerOrderRequest.Simple(LimitBuy(id)));

        Assert.Equal(OrderStatus.Rejected, result.Order.Status);
        Assert.Equal(reason, result.Order.Reason);
        Assert.Equal(0, _fake.OrderCount());
        Assert.Equal(OrderStatus.Accepted, (await broker.SubmitAsync(BrokerOrderRequest.Simple(LimitBuy(id)))).Order.Status);
    }

    [Fact]
    public async Task ABracket_IsAnOtocoComplexOrder_WhoseExitsWaitAsContingent()
    {
        using var broker = await ConnectedAsync();
        var id = BrokerClientOrderId.For("tastytrade", "setup-6", "entry");

        var result = await broker.SubmitAsync(BrokerOrderRequest.WithBracket(new BracketRequest(LimitBuy(id, tif: TimeInForce.Gtc), StopLoss: 170, TakeProfit: 185)));

        var body = JsonNode.Parse(_fake.SubmitBodies.Single())!;
        Assert.Equal("OTOCO", (string)body["type"]!);
        Assert.Equal(id, (string)body["trigger-order"]!["external-identifier"]!);
        var exits = body["orders"]!.AsArray();
        Assert.Equal("""{"time-in-force":"GTC","order-type":"Limit","price":"185","price-effect":"Credit","source":"marketintel/1.0","legs":[{"instrument-type":"Equity","symbol":"AAPL","quantity":100,"action":"Sell to Close"}]}""", exits[0]!.ToJsonString());
        Assert.Equal("""{"time-in-force":"GTC","order-type":"Stop","stop-trigger":"170","source":"marketintel/1.0","legs":[{"instrument-type":"Equity","symbol":"AAPL","quantity":100,"action":"Sell to Close"}]}""", exits[1]!.ToJsonString());
        Assert.Equal(3, _fake.OrderCount());
        Assert.Equal(id, result.Order.ClientOrderId);
        Assert.Equal(2, result.Order.Legs!.Count);
        Assert.All(result.Order.Legs, leg => Assert.Equal((OrderStatus.New, "Contingent"), (leg.Status, leg.VenueStatus)));

        // Canceling the entry cancels the complex order, exits included.
        var canceled = await broker.CancelAsync(id);
        Assert.Equal(OrderStatus.Canceled, canceled.Status);
        Assert.All(canceled.Legs!, leg => Assert.Equal(OrderStatus.Canceled, leg.Status));
    }

    [Fact]
    public async Task AReversal_IsOneOtoComplexOrder_ClosingThenOpening()
    {
        using var broker = await ConnectedAsync();
        _fake.SetPosition("AAPL", 100, 170);
        var id = BrokerClientOrderId.For("tastytrade", "setup-7", "reverse");

        await broker.SubmitAsync(BrokerOrderRequest.Simple(new OrderRequest(id, "AAPL", OrderSide.Sell, OrderType.Market, 150, null, null, TimeInForce.Day)));

        Assert.Equal(
            $$"""{"type":"OTO","source":"marketintel/1.0","trigger-order":{"time-in-force":"Day","order-type":"Market","external-identifier":"{{id}}","source":"marketintel/1.0","legs":[{"instrument-type":"Equity","symbol":"AAPL","quantity":100,"action":"Sell to Close"}]},"orders":[{"time-in-force":"Day","order-type":"Market","source":"marketintel/1.0","legs":[{"instrument-type":"Equity","symbol":"AAPL","quantity":50,"action":"Sell to Open"}]}]}""",
            JsonNode.Parse(_fake.SubmitBodies.Single())!.ToJsonString());
        Assert.True(TastytradeBroker.TastytradeCapabilities.ReversalInOneOrder);
    }

    [Fact]
    public async Task CancelReplaceAndReads_WorkUnderOurClientOrderIds()
    {
        using var broker = await ConnectedAsync();
        _fake.SetPosition("MSFT", -5, 400);
        var id = BrokerClientOrderId.For("tastytrade", "setup-8", "entry");
        var replacing = BrokerClientOrderId.For("tastytrade", "setup-8", "entry-r1");
        await broker.SubmitAsync(BrokerOrderRequest.Simple(LimitBuy(id)));

        var quantity = await Assert.ThrowsAsync<BrokerException>(() => broker.ReplaceAsync(new BrokerReplaceRequest(id, replacing, Quantity: 50)));
        Assert.Equal(BrokerReasonCodes.ReplaceUnsupported, quantity.ReasonCode);

        var replaced = await broker.ReplaceAsync(new BrokerReplaceRequest(id, replacing, LimitPrice: 176));
        Assert.Equal((replacing, 176.0, OrderStatus.Accepted), (replaced.ClientOrderId, replaced.LimitPrice!.Value, replaced.Status));
        Assert.Equal(OrderStatus.Canceled, (await broker.GetOrderAsync(id))!.Status);
        Assert.Equal(replaced.VenueOrderId, (await broker.ReplaceAsync(new BrokerReplaceRequest(id, replacing, LimitPrice: 176))).VenueOrderId);

        Assert.Equal(OrderStatus.Canceled, (await broker.CancelAsync(replacing)).Status);
        var again = await Assert.ThrowsAsync<BrokerException>(() => broker.CancelAsync(replacing));
        Assert.Equal(BrokerReasonCodes.NotCancelable, again.ReasonCode);

        Assert.Equal([id, replacing], (await broker.GetOrdersAsync(new BrokerOrderQuery(BrokerOrderScope.All))).Select(o => o.ClientOrderId));
        Assert.Empty(await broker.GetOrdersAsync(BrokerOrderQuery.Open));
        var position = Assert.Single(await broker.GetPositionsAsync());
        Assert.Equal(("MSFT", -5.0, 400.0), (position.Symbol, position.Quantity, position.AveragePrice));
    }

    [Fact]
    public async Task NoSecretOrToken_AppearsInLogs_Options_OrErrors()
    {
        var log = new RecordingLogger();
        using var broker = await ConnectedAsync(log: log);
        _fake.ExpireAccessTokens();
        await broker.GetAccountAsync();
        _fake.ExpireAccessTokens();
        _fake.RefreshTokenRevoked = true;
        var error = await Assert.ThrowsAsync<BrokerException>(() => broker.GetAccountAsync());

        Assert.NotEmpty(log.Lines);
        Assert.All(log.Lines.Concat([error.ToString(), Options().ToString()]), t => Assert.DoesNotContain("SECRET", t, StringComparison.Ordinal));
    }
}
