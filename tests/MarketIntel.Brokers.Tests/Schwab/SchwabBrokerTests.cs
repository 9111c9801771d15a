using System.Text.Json.Nodes;
using MarketIntel.Brokers.OAuth;
using MarketIntel.Brokers.OrderIds;
using MarketIntel.Brokers.Schwab;
using MarketIntel.Brokers.Tests.Shared;
using MarketIntel.Core.Brokerage;
using MarketIntel.Core.Trading;
using MarketIntel.Storage.Embedded;
using Microsoft.Extensions.Time.Testing;

namespace MarketIntel.Brokers.Tests.Schwab;

/// <summary>
/// The Schwab adapter against the local fake: the Location-header id, one order per client order id whatever happens to
/// the answer (resolved by fingerprint through the durable map, also after a restart), no guess when several orders
/// match, 429 with Retry-After, tokens refreshed ahead of expiry and on a 401, a rotated refresh token stored, a refused
/// refresh, rejections as reason codes, the documented bracket and reversal bodies, preview refusals, and the plain calls.
/// </summary>
[Trait("Category", "Broker")]
public sealed class SchwabBrokerTests : IAsyncLifetime, IDisposable
{
    private readonly HttpClient _http = new();
    private readonly InMemoryBrokerSecretStore _secrets = new();
    private readonly string _data = Directory.CreateTempSubdirectory("marketintel-schwab-").FullName;
    private readonly EmbeddedDatabase _database;
    private FakeSchwabServer _fake = null!;

    public SchwabBrokerTests() => _database = new EmbeddedDatabase(_data);

    public async Task InitializeAsync() => _fake = await FakeSchwabServer.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    public void Dispose()
    {
        _http.Dispose();
        Directory.Delete(_data, recursive: true);
    }

    private SchwabOptions Options(TimeSpan? timeout = null) => new()
    {
        ClientId = FakeSchwabServer.ClientId,
        ClientSecret = FakeSchwabServer.ClientSecret,
        RedirectUri = new Uri(FakeSchwabServer.RedirectUri),
        AccountNumber = FakeSchwabServer.AccountNumber,
        BaseUrl = _fake.BaseUrl,
        RequestTimeout = timeout ?? TimeSpan.FromSeconds(10),
        RetryBaseDelay = TimeSpan.FromMilliseconds(50),
        PollInterval = TimeSpan.FromMilliseconds(100),
    };

    private IBrokerOrderIdMap Map(TimeProvider time) => new RecordStoreBrokerOrderIdMap(new EmbeddedRecordStore(_database, time), time);

    /// <summary>A broker whose connection is authorized with tokens the fake issued (as after the code exchange).</summary>
    private async Task<SchwabBroker> AuthorizedAsync(SchwabOptions? options = null, TimeProvider? time = null, RecordingLogger? log = null)
    {
        time ??= TimeProvider.System;
        var broker = new SchwabBroker(_http, options ?? Options(), _secrets, Map(time), time, log);
        var (access, refresh) = _fake.IssueTokens();
        await broker.Tokens.StoreAuthorizationAsync(new OAuthTokenGrant(access, TimeSpan.FromMinutes(30), refresh));
        return broker;
    }

    private static OrderRequest LimitBuy(string id, double quantity = 10, double price = 101.5, TimeInForce tif = TimeInForce.Day) =>
        new(id, "AAPL", OrderSide.Buy, OrderType.Limit, quantity, price, null, tif);

    [Fact]
    public async Task ASubmit_TakesTheOrderIdFromTheLocationHeader_AndAnswersUnderOurClientOrderId()
    {
        using var broker = await AuthorizedAsync();
        var id = BrokerClientOrderId.For("schwab", "setup-1", "entry");

        var result = await broker.SubmitAsync(BrokerOrderRequest.Simple(LimitBuy(id)));

        Assert.False(result.Duplicate);
        Assert.Equal(id, result.Order.ClientOrderId);
        Assert.Equal("1001", result.Order.VenueOrderId);
        Assert.Equal(OrderStatus.Accepted, result.Order.Status);
        Assert.Equal("WORKING", result.Order.VenueStatus);
        Assert.Equal(101.5, result.Order.LimitPrice);
        Assert.Equal(id, (await broker.GetOrderAsync(id))!.ClientOrderId);
        Assert.Equal("1001", SchwabBroker.OrderIdFrom(new Uri($"https://api.schwabapi.com/trader/v1/accounts/{FakeSchwabServer.AccountHash}/orders/1001")));

        var body = JsonNode.Parse(_fake.SubmitBodies.Single())!;
        Assert.Equal("""{"session":"NORMAL","duration":"DAY","orderType":"LIMIT","orderStrategyType":"SINGLE","orderLegCollection":[{"instruction":"BUY","quantity":10,"instrument":{"symbol":"AAPL","assetType":"EQUITY"}}],"price":"101.5"}""", body.ToJsonString());
    }

    [Theory]
    [InlineData(SubmitFault.DelayAnswer)]
    [InlineData(SubmitFault.LoseAnswer)]
    [InlineData(SubmitFault.FailBeforeAccepting)]
    public async Task ASubmitWhoseAnswerIsLost_IsResolvedByFingerprint_AndTheFakeHoldsExactlyOneOrder(SubmitFault fault)
    {
        using var broker = await AuthorizedAsync(Options(timeout: TimeSpan.FromSeconds(2)));
        var id = BrokerClientOrderId.For("schwab", "setup-2", "entry");
        _fake.NextSubmitFault = fault;

        var result = await broker.SubmitAsync(BrokerOrderRequest.Simple(LimitBuy(id)));

        Assert.Equal(1, _fake.OrderCount());
        Assert.Equal(id, result.Order.ClientOrderId);
        Assert.Equal("1001", result.Order.VenueOrderId);
        Assert.Equal(fault == SubmitFault.FailBeforeAccepting ? 2 : 1, _fake.Count("POST", $"/trader/v1/accounts/{FakeSchwabServer.AccountHash}/orders"));
    }

    [Fact]
    public async Task ARetryAfterARestart_FindsTheFirstAttemptsOrder_InsteadOfSendingASecond()
    {
        var id = BrokerClientOrderId.For("schwab", "setup-3", "entry");
        using (var first = await AuthorizedAsync(Options(timeout: TimeSpan.FromSeconds(2)) with { MaxSubmitAttempts = 1 }))
        {
            // The answer is lost and the resolution finds nothing because the fake's order list is down: the process gives up.
            _fake.NextSubmitFault = SubmitFault.LoseAnswer;
            _fake.FailOrderLists = true;
            await Assert.ThrowsAsync<BrokerException>(() => first.SubmitAsync(BrokerOrderRequest.Simple(LimitBuy(id))));
            _fake.FailOrderLists = false;
        }

        using var second = new SchwabBroker(_http, Options(), _secrets, Map(TimeProvider.System), TimeProvider.System);
        var again = await second.SubmitAsync(BrokerOrderRequest.Simple(LimitBuy(id)));
        var third = await second.SubmitAsync(BrokerOrderRequest.Simple(LimitBuy(id)));

        Assert.True(again.Duplicate);
        Assert.True(third.Duplicate);
        Assert.Equal("1001", again.Order.VenueOrderId);
        Assert.Equal(1, _fake.OrderCount());
        Assert.Single(_fake.SubmitBodies);
    }

    [Fact]
    public async Task SeveralUnmappedOrdersMatchingALostSubmit_AreAnError_NotAGuess()
    {
        using var broker = await AuthorizedAsync(Options(timeout: TimeSpan.FromSeconds(2)));
        var id = BrokerClientOrderId.For("schwab", "setup-4", "entry");
        var same = """{"session":"NORMAL","duration":"DAY","orderType":"LIMIT","orderStrategyType":"SINGLE","orderLegCollection":[{"instruction":"BUY","quantity":10,"instrument":{"symbol":"AAPL","assetType":"EQUITY"}}],"price":"101.5"}""";
        _fake.PlaceElsewhere(same);
        _fake.NextSubmitFault = SubmitFault.LoseAnswer;

        var error = await Assert.ThrowsAsync<BrokerException>(() => broker.SubmitAsync(BrokerOrderRequest.Simple(LimitBuy(id))));

        Assert.Equal(BrokerReasonCodes.UnknownOutcome, error.ReasonCode);
        Assert.Equal(2, _fake.OrderCount());
        Assert.Single(_fake.SubmitBodies);
        Assert.Null(await broker.GetOrderAsync(id));
    }

    [Fact]
    public async Task AnUsedClientOrderId_AnswersWithItsOneOrder_AndAnUnresolvedOneRefusesADifferentBody()
    {
        using var broker = await AuthorizedAsync(Options(timeout: TimeSpan.FromSeconds(2)) with { MaxSubmitAttempts = 1 });
        var id = BrokerClientOrderId.For("schwab", "setup-5", "entry");
        var first = await broker.SubmitAsync(BrokerOrderRequest.Simple(LimitBuy(id)));

        var reused = await broker.SubmitAsync(BrokerOrderRequest.Simple(LimitBuy(id, quantity: 20)));
        Assert.True(reused.Duplicate);
        Assert.Equal(first.Order.VenueOrderId, reused.Order.VenueOrderId);

        // An id whose first send is unresolved (answer lost, order list down) cannot take a different body.
        var other = BrokerClientOrderId.For("schwab", "setup-5b", "entry");
        _fake.NextSubmitFault = SubmitFault.LoseAnswer;
        _fake.FailOrderLists = true;
        await Assert.ThrowsAsync<BrokerException>(() => broker.SubmitAsync(BrokerOrderRequest.Simple(LimitBuy(other))));
        _fake.FailOrderLists = false;
        var error = await Assert.ThrowsAsync<BrokerException>(() => broker.SubmitAsync(BrokerOrderRequest.Simple(LimitBuy(other, quantity: 20))));

        Assert.Equal(BrokerErrorKind.Refused, error.Kind);
        Assert.Equal(2, _fake.SubmitBodies.Count);
        Assert.Equal(2, _fake.OrderCount());
    }

    [Fact]
    public async Task A429WithRetryAfter_IsWaitedOutOnTheInjectedClock()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var log = new RecordingLogger();
        using var broker = await AuthorizedAsync(time: time, log: log);
        _fake.RetryAfterSeconds = 7;
        _fake.AnswerTooManyRequests(1);

        var read = broker.GetAccountAsync();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!log.Lines.Any(l => l.Contains("waiting 00:00:07", StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, "the adapter never announced its wait: " + string.Join(" | ", log.Lines));
            await Task.Delay(10);
        }

        await Task.Delay(100);
        time.Advance(TimeSpan.FromSeconds(6.9));
        await Task.Delay(300);
        Assert.False(read.IsCompleted, "the request was sent again before Retry-After had passed");

        time.Advance(TimeSpan.FromSeconds(0.1));
        var account = await read.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(FakeSchwabServer.AccountNumber, account.AccountId);
        Assert.Equal(50000, account.BuyingPower);
        Assert.True(account.ShortingEnabled);
        Assert.Equal(2, _fake.Count("GET", "/trader/v1/accounts/accountNumbers"));
    }

    [Fact]
    public async Task TheAccessToken_IsRefreshedAheadOfExpiry_AndOnA401_ThroughTheTokenEndpoint()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var broker = await AuthorizedAsync(time: time);
        await broker.GetAccountAsync();
        Assert.Equal(0, _fake.TokenRequests("refresh_token"));

        // 28.5 minutes in: within the 2-minute margin of the 30-minute token, so the next call refreshes first.
        time.Advance(TimeSpan.FromMinutes(28.5));
        await broker.GetAccountAsync();
        Assert.Equal(1, _fake.TokenRequests("refresh_token"));

        // Schwab stops taking the token early (revoked): the 401 refreshes once and the request is sent again.
        _fake.ExpireAccessTokens();
        var positions = await broker.GetPositionsAsync();
        Assert.Empty(positions);
        Assert.Equal(2, _fake.TokenRequests("refresh_token"));
        Assert.Equal(OAuthConnectionState.Connected, (await broker.Tokens.GetStatusAsync()).State);
    }

    [Fact]
    public async Task ARotatedRefreshToken_IsStored_AndTheOldOneIsNeverSentAgain()
    {
        _fake.RotateRefreshTokens = true;
        using var broker = await AuthorizedAsync();
        _fake.ExpireAccessTokens();

        await broker.GetAccountAsync();

        var stored = _secrets.Peek("schwab/main/tokens")!;
        var rotated = System.Text.Json.JsonDocument.Parse(stored).RootElement.GetProperty("refreshToken").GetString()!;
        Assert.True(_fake.IsRefreshTokenValid(rotated));

        // A restart reads the rotated token from the store; refreshing with it works (the old one would be invalid_grant).
        _fake.ExpireAccessTokens();
        using var restarted = new SchwabBroker(_http, Options(), _secrets, Map(TimeProvider.System), TimeProvider.System);
        await restarted.GetAccountAsync();
        Assert.Equal(OAuthConnectionState.Connected, (await restarted.Tokens.GetStatusAsync()).State);
    }

    [Fact]
    public async Task ARefusedRefreshToken_MakesTheConnectionRequireReauthorization()
    {
        using var broker = await AuthorizedAsync();
        _fake.ExpireAccessTokens();
        _fake.RevokeRefreshTokens();

        var error = await Assert.ThrowsAsync<BrokerException>(() => broker.GetAccountAsync());

        Assert.Equal(OAuthReasonCodes.ReauthorizationRequired, error.ReasonCode);
        var status = await broker.Tokens.GetStatusAsync();
        Assert.Equal(OAuthConnectionState.ReauthorizationRequired, status.State);
        Assert.NotNull(status.Warning);
    }

    [Fact]
    public async Task TheAuthorizeUrl_AndTheCodeExchange_FollowSchwabsFlow()
    {
        using var broker = new SchwabBroker(_http, Options(), _secrets, Map(TimeProvider.System), TimeProvider.System);
        var url = broker.Authorization.AuthorizeUrl("state-1");
        Assert.Equal("/v1/oauth/authorize", url.AbsolutePath);
        Assert.Contains("client_id=test-client-id", url.Query, StringComparison.Ordinal);
        Assert.Contains("redirect_uri=" + Uri.EscapeDataString(FakeSchwabServer.RedirectUri), url.Query, StringComparison.Ordinal);
        Assert.Equal(OAuthConnectionState.NotAuthorized, (await broker.Tokens.GetStatusAsync()).State);

        var grant = await broker.Authorization.ExchangeCodeAsync(FakeSchwabServer.AuthorizationCode, CancellationToken.None);
        await broker.Tokens.StoreAuthorizationAsync(grant);

        Assert.Equal(TimeSpan.FromMinutes(30), grant.ExpiresIn);
        Assert.Equal(FakeSchwabServer.AccountNumber, (await broker.GetAccountAsync()).AccountId);
        var status = await broker.Tokens.GetStatusAsync();
        Assert.Equal(status.LastRefresh!.Value + TimeSpan.FromDays(7), status.RefreshTokenExpires);

        var wrong = await Assert.ThrowsAsync<BrokerException>(() => broker.Authorization.ExchangeCodeAsync("not-the-code", CancellationToken.None));
        Assert.Equal(OAuthReasonCodes.GrantRefused, wrong.ReasonCode);
    }

    [Theory]
    [InlineData("buying_power", BrokerReasonCodes.InsufficientBuyingPower)]
    [InlineData("not_shortable", BrokerReasonCodes.ShortNotAllowed)]
    [InlineData("invalid", BrokerReasonCodes.VenueRejected)]
    public async Task ARejection_IsTheOrderRejectedWithAReasonCode_AndARetryMaySendAgain(string error, string reason)
    {
        using var broker = await AuthorizedAsync();
        var id = BrokerClientOrderId.For("schwab", "setup-6", "entry");
        _fake.RejectNextSubmitWith = error;

        var result = await broker.SubmitAsync(BrokerOrderRequest.Simple(LimitBuy(id)));

        Assert.Equal(OrderStatus.Rejected, result.Order.Status);
        Assert.Equal(reason, result.Order.Reason);
        Assert.Equal(0, _fake.OrderCount());

        var retry = await broker.SubmitAsync(BrokerOrderRequest.Simple(LimitBuy(id)));
        Assert.Equal(OrderStatus.Accepted, retry.Order.Status);
        Assert.Equal(1, _fake.OrderCount());
    }

    [Fact]
    public async Task ABracket_IsATriggerWithAnOcoChild_AsDocumented()
    {
        using var broker = await AuthorizedAsync();
        var id = BrokerClientOrderId.For("schwab", "setup-7", "entry");

        var result = await broker.SubmitAsync(BrokerOrderRequest.WithBracket(new BracketRequest(LimitBuy(id, tif: TimeInForce.Gtc), StopLoss: 95, TakeProfit: 110)));

        var body = JsonNode.Parse(_fake.SubmitBodies.Single())!;
        Assert.Equal("TRIGGER", (string)body["orderStrategyType"]!);
        var oco = body["childOrderStrategies"]![0]!;
        Assert.Equal("OCO", (string)oco["orderStrategyType"]!);
        var exits = oco["childOrderStrategies"]!.AsArray();
        Assert.Equal("""{"session":"NORMAL","duration":"GOOD_TILL_CANCEL","orderType":"LIMIT","orderStrategyType":"SINGLE","orderLegCollection":[{"instruction":"SELL","quantity":10,"instrument":{"symbol":"AAPL","assetType":"EQUITY"}}],"price":"110"}""", exits[0]!.ToJsonString());
        Assert.Equal("""{"session":"NORMAL","duration":"GOOD_TILL_CANCEL","orderType":"STOP","orderStrategyType":"SINGLE","orderLegCollection":[{"instruction":"SELL","quantity":10,"instrument":{"symbol":"AAPL","assetType":"EQUITY"}}],"stopPrice":"95"}""", exits[1]!.ToJsonString());

        Assert.Equal(2, result.Order.Legs!.Count);
        Assert.All(result.Order.Legs, leg => Assert.Equal(OrderStatus.New, leg.Status));
        Assert.All(result.Order.Legs, leg => Assert.Equal("AWAITING_PARENT_ORDER", leg.VenueStatus));
    }

    [Fact]
    public async Task AReversal_IsOneTriggerOrder_ClosingThePositionWithAnOpeningChild()
    {
        using var broker = await AuthorizedAsync();
        _fake.SetPosition("AAPL", 10, 100);
        var id = BrokerClientOrderId.For("schwab", "setup-8", "reverse");

        await broker.SubmitAsync(BrokerOrderRequest.Simple(new OrderRequest(id, "AAPL", OrderSide.Sell, OrderType.Market, 15, null, null, TimeInForce.Day)));

        Assert.Equal(
            """{"session":"NORMAL","duration":"DAY","orderType":"MARKET","orderStrategyType":"TRIGGER","orderLegCollection":[{"instruction":"SELL","quantity":10,"instrument":{"symbol":"AAPL","assetType":"EQUITY"}}],"childOrderStrategies":[{"session":"NORMAL","duration":"DAY","orderType":"MARKET","orderStrategyType":"SINGLE","orderLegCollection":[{"instruction":"SELL_SHORT","quantity":5,"instrument":{"symbol":"AAPL","assetType":"EQUITY"}}]}]}""",
            JsonNode.Parse(_fake.SubmitBodies.Single())!.ToJsonString());
        Assert.Equal(2, _fake.OrderCount());
        Assert.True(SchwabBroker.SchwabCapabilities.ReversalInOneOrder);

        // With a bracket the exits would hang off the close: refused before anything is sent.
        var bracket = BrokerOrderRequest.WithBracket(new BracketRequest(new OrderRequest(BrokerClientOrderId.For("schwab", "setup-9", "reverse"), "AAPL", OrderSide.Sell, OrderType.Limit, 15, 99, null, TimeInForce.Day), StopLoss: 105, TakeProfit: 90));
        var refused = await Assert.ThrowsAsync<BrokerException>(() => broker.SubmitAsync(bracket));
        Assert.Equal(BrokerErrorKind.Refused, refused.Kind);
        Assert.Single(_fake.SubmitBodies);
    }

    [Fact]
    public async Task ThePreview_IsThePreflight_ItsRejectsAreReasonCodes_AndNothingIsCreated()
    {
        using var broker = await AuthorizedAsync();
        var id = BrokerClientOrderId.For("schwab", "setup-10", "entry");

        Assert.True((await broker.PreflightAsync(BrokerOrderRequest.Simple(LimitBuy(id)))).Accepted);

        _fake.RejectNextPreview = true;
        var refused = await broker.PreflightAsync(BrokerOrderRequest.Simple(LimitBuy(id)));
        Assert.False(refused.Accepted);
        Assert.Equal(BrokerReasonCodes.InsufficientBuyingPower, refused.ReasonCode);
        Assert.Contains("buying power", refused.Message, StringComparison.Ordinal);

        var fractional = await broker.PreflightAsync(BrokerOrderRequest.Simple(LimitBuy(id, quantity: 1.5)));
        Assert.Equal(BrokerReasonCodes.FractionalUnsupported, fractional.ReasonCode);
        Assert.Equal(2, _fake.Count("POST", $"/trader/v1/accounts/{FakeSchwabServer.AccountHash}/previewOrder"));
        Assert.Equal(0, _fake.OrderCount());
        Assert.Empty(_fake.SubmitBodies);
    }

    [Fact]
    public async Task CancelReplaceAndReads_WorkUnderOurClientOrderIds()
    {
        using var broker = await AuthorizedAsync();
        _fake.SetPosition("MSFT", -5, 400);
        var id = BrokerClientOrderId.For("schwab", "setup-11", "entry");
        var replacing = BrokerClientOrderId.For("schwab", "setup-11", "entry-r1");
        await broker.SubmitAsync(BrokerOrderRequest.Simple(LimitBuy(id)));

        var replaced = await broker.ReplaceAsync(new BrokerReplaceRequest(id, replacing, Quantity: 12, LimitPrice: 102));
        Assert.Equal(replacing, replaced.ClientOrderId);
        Assert.Equal(12, replaced.Quantity);
        Assert.Equal(102, replaced.LimitPrice);
        var old = (await broker.GetOrderAsync(id))!;
        Assert.Equal(OrderStatus.Canceled, old.Status);
        Assert.Equal(BrokerReasonCodes.Replaced, old.Reason);
        Assert.Equal(replaced.VenueOrderId, (await broker.ReplaceAsync(new BrokerReplaceRequest(id, replacing, Quantity: 12, LimitPrice: 102))).VenueOrderId);

        var canceled = await broker.CancelAsync(replacing);
        Assert.Equal(OrderStatus.Canceled, canceled.Status);
        var again = await Assert.ThrowsAsync<BrokerException>(() => broker.CancelAsync(replacing));
        Assert.Equal(BrokerReasonCodes.NotCancelable, again.ReasonCode);

        var orders = await broker.GetOrdersAsync(new BrokerOrderQuery(BrokerOrderScope.All));
        Assert.Equal([id, replacing], orders.Select(o => o.ClientOrderId));
        Assert.Empty(await broker.GetOrdersAsync(BrokerOrderQuery.Open));

        var position = Assert.Single(await broker.GetPositionsAsync());
        Assert.Equal(("MSFT", -5.0, 400.0), (position.Symbol, position.Quantity, position.AveragePrice));
        Assert.Null(await broker.GetOrderAsync("mi-never-sent"));
    }

    [Fact]
    public async Task NoSecretOrToken_AppearsInLogs_Options_OrErrors()
    {
        var log = new RecordingLogger();
        using var broker = await AuthorizedAsync(log: log);
        _fake.ExpireAccessTokens();
        await broker.GetAccountAsync();
        _fake.ExpireAccessTokens();
        _fake.RevokeRefreshTokens();
        var error = await Assert.ThrowsAsync<BrokerException>(() => broker.GetAccountAsync());

        Assert.NotEmpty(log.Lines);
        Assert.All(log.Lines.Concat([error.ToString(), Options().ToString()]), t => Assert.DoesNotContain("SECRET", t, StringComparison.Ordinal));
    }
}
