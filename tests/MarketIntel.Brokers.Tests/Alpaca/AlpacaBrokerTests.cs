using MarketIntel.Brokers.Tests.Shared;
using System.Diagnostics;
using System.Text.Json.Nodes;
using MarketIntel.Brokers.Alpaca;
using MarketIntel.Core.Brokerage;
using MarketIntel.Core.Trading;
using Microsoft.Extensions.Time.Testing;

namespace MarketIntel.Brokers.Tests.Alpaca;

/// <summary>
/// The Alpaca adapter against the local fake: one order per client order id whatever happens to the answers, 429s
/// waited out, rejections as reason codes, the bracket payload as documented, refusals before anything is sent, and
/// the plain calls (cancel, replace, reads, credentials).
/// </summary>
[Trait("Category", "Broker")]
public sealed class AlpacaBrokerTests : IAsyncLifetime, IDisposable
{
    private FakeAlpacaServer _fake = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync() => _fake = await FakeAlpacaServer.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    public void Dispose() => _http.Dispose();

    private AlpacaOptions Options(TimeSpan? timeout = null) => new()
    {
        KeyId = FakeAlpacaServer.KeyId,
        SecretKey = FakeAlpacaServer.Secret,
        BaseUrl = _fake.BaseUrl,
        StreamUrl = _fake.StreamUrl,
        RequestTimeout = timeout ?? TimeSpan.FromSeconds(10),
        RetryBaseDelay = TimeSpan.FromMilliseconds(50),
    };

    private AlpacaBroker Broker(AlpacaOptions? options = null, TimeProvider? time = null) => new(_http, options ?? Options(), time);

    private static OrderRequest LimitBuy(string id, double quantity = 10, double price = 100, TimeInForce tif = TimeInForce.Gtc) =>
        new(id, "AAPL", OrderSide.Buy, OrderType.Limit, quantity, price, null, tif);

    [Theory]
    [InlineData(SubmitFault.DelayAnswer)]
    [InlineData(SubmitFault.LoseAnswer)]
    [InlineData(SubmitFault.FailBeforeAccepting)]
    public async Task ASubmitWhoseAnswerIsLost_IsResolvedByItsClientOrderId_AndTheFakeHoldsExactlyOneOrder(SubmitFault fault)
    {
        using var broker = Broker(Options(timeout: TimeSpan.FromMilliseconds(500)));
        var id = BrokerClientOrderId.For("alpaca", "setup-1", "entry");
        _fake.NextSubmitFault = fault;

        var result = await broker.SubmitAsync(BrokerOrderRequest.Simple(LimitBuy(id)));

        Assert.Equal(1, _fake.OrderCount(id));
        Assert.Equal(id, result.Order.ClientOrderId);
        Assert.Equal(OrderStatus.Accepted, result.Order.Status);
        Assert.Equal((string)_fake.OrderByClientId(id)["id"]!, result.Order.VenueOrderId);

        // The lookup came before any resend: an accepted-then-lost order is never posted twice.
        var posts = _fake.Count("POST", "/v2/orders");
        Assert.Equal(fault == SubmitFault.FailBeforeAccepting ? 2 : 1, posts);
        Assert.True(_fake.Count("GET", "/v2/orders:by_client_order_id") >= 1);
    }

    [Fact]
    public async Task TheSameClientOrderIdSubmittedAgain_IsTheExistingOrder_FromAlpacasUniqueIdRule()
    {
        using var broker = Broker();
        var id = BrokerClientOrderId.For("alpaca", "setup-2", "entry");

        var first = await broker.SubmitAsync(BrokerOrderRequest.Simple(LimitBuy(id)));
        var second = await broker.SubmitAsync(BrokerOrderRequest.Simple(LimitBuy(id)));

        Assert.False(first.Duplicate);
        Assert.True(second.Duplicate);
        Assert.Equal(first.Order.VenueOrderId, second.Order.VenueOrderId);
        Assert.Equal(1, _fake.OrderCount(id));
        Assert.Equal(2, _fake.Count("POST", "/v2/orders"));
    }

    [Fact]
    public async Task A429WithRetryAfter_IsWaitedOutOnTheInjectedClock_ThenTheSubmitSucceeds()
    {
        var time = new TimerWatchingTimeProvider(DateTimeOffset.UtcNow);
        var log = new RecordingLogger();
        using var broker = new AlpacaBroker(_http, Options(), time, log);
        var id = BrokerClientOrderId.For("alpaca", "setup-3", "entry");
        _fake.RetryAfterSeconds = 7;
        _fake.AnswerTooManyRequests(1);

        var submit = broker.SubmitAsync(BrokerOrderRequest.Simple(LimitBuy(id)));

        // Once the adapter's 7 s wait has started on the fake clock, the clock is moved to just short of it.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!time.StartedTimers.Contains(TimeSpan.FromSeconds(7)))
        {
            Assert.True(DateTime.UtcNow < deadline, "the adapter never started its wait: " + string.Join(" | ", log.Lines));
            await Task.Delay(10);
        }

        Assert.Contains(log.Lines, l => l.Contains("waiting 00:00:07", StringComparison.Ordinal));
        time.Advance(TimeSpan.FromSeconds(6.9));
        await Task.Delay(300);
        Assert.False(submit.IsCompleted, "the request was sent again before Retry-After had passed");
        Assert.Equal(1, _fake.Count("GET", "/v2/positions/AAPL"));

        time.Advance(TimeSpan.FromSeconds(0.1));
        var result = await submit.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(OrderStatus.Accepted, result.Order.Status);
        Assert.Equal(1, _fake.OrderCount(id));

        // The 429 hit the first request (the position lookup); it was sent again after the wait, then the order once.
        Assert.Equal(2, _fake.Count("GET", "/v2/positions/AAPL"));
        Assert.Equal(1, _fake.Count("POST", "/v2/orders"));
        Assert.DoesNotContain(log.Lines, l => l.Contains(FakeAlpacaServer.Secret, StringComparison.Ordinal) || l.Contains(FakeAlpacaServer.KeyId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A429ThatNeverEnds_IsARateLimitedError_AfterTheAllowedWaits()
    {
        using var broker = Broker(Options() with { MaxRateLimitRetries = 2 });
        _fake.AnswerTooManyRequests(100);

        var ex = await Assert.ThrowsAsync<BrokerException>(() => broker.GetAccountAsync());

        Assert.Equal((BrokerErrorKind.RateLimited, BrokerReasonCodes.RateLimited), (ex.Kind, ex.ReasonCode));
        Assert.Equal(3, _fake.Count("GET", "/v2/account"));
    }

    [Fact]
    public async Task TheClientSideLimiter_HoldsRequestsBeyondItsPermitsUntilTheWindowMoves()
    {
        using var broker = Broker(Options() with { MaxRequestsPerMinute = 3, RateWindow = TimeSpan.FromMilliseconds(600) });

        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 7).Select(_ => broker.GetAccountAsync()));
        watch.Stop();

        // 7 requests at 3 per window need two more windows' worth of permits after the first 3 (segments of 100 ms).
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(500), $"7 requests took {watch.Elapsed}");
        Assert.Equal(7, _fake.Count("GET", "/v2/account"));
    }

    [Theory]
    [InlineData("insufficient_buying_power", BrokerReasonCodes.InsufficientBuyingPower)]
    [InlineData("insufficient_qty", BrokerReasonCodes.InsufficientQuantity)]
    [InlineData("wash_trade", BrokerReasonCodes.WashTrade)]
    [InlineData("invalid_qty", BrokerReasonCodes.InvalidOrder)]
    public async Task ARejectedOrder_IsARejectedResultWithItsReasonCode(string error, string expected)
    {
        using var broker = Broker();
        _fake.RejectNextSubmitWith = error;

        var result = await broker.SubmitAsync(BrokerOrderRequest.Simple(LimitBuy("rejected-1")));

        Assert.Equal(OrderStatus.Rejected, result.Order.Status);
        Assert.Equal(expected, result.Order.Reason);
        Assert.Null(result.Order.VenueOrderId);
        Assert.Equal(0, _fake.OrderCount("rejected-1"));
    }

    [Fact]
    public async Task ABracket_IsSentAsAlpacasBracketOrderClass_AndItsHeldLegsComeBackNotYetAccepted()
    {
        using var broker = Broker();
        var id = BrokerClientOrderId.For("alpaca", "setup-4", "entry");
        var entry = new OrderRequest(id, "AAPL", OrderSide.Buy, OrderType.Limit, 10, 100.5, null, TimeInForce.Day);

        var result = await broker.SubmitAsync(BrokerOrderRequest.WithBracket(new BracketRequest(entry, 95.25, 110)));

        var body = JsonNode.Parse(_fake.SubmitBodies.Single())!.AsObject();
        Assert.Equal("""{"symbol":"AAPL","qty":"10","side":"buy","type":"limit","time_in_force":"day","client_order_id":"ID","limit_price":"100.5","order_class":"bracket","take_profit":{"limit_price":"110"},"stop_loss":{"stop_price":"95.25"}}""".Replace("ID", id, StringComparison.Ordinal),
            body.ToJsonString());
        Assert.Equal(OrderStatus.Accepted, result.Order.Status);
        Assert.Equal(2, result.Order.Legs!.Count);
        Assert.All(result.Order.Legs, leg => Assert.Equal((OrderStatus.New, "held", OrderSide.Sell), (leg.Status, leg.VenueStatus, leg.Side)));
        Assert.Equal([OrderType.Limit, OrderType.Stop], result.Order.Legs.Select(l => l.Type));
    }

    [Fact]
    public async Task WhatAlpacaCannotTake_IsRefusedBeforeAnythingIsPosted_NamingTheCapability()
    {
        using var broker = Broker();
        _fake.SetPosition("AAPL", 10, 100);

        var reversal = await Assert.ThrowsAsync<BrokerException>(() => broker.SubmitAsync(BrokerOrderRequest.Simple(new OrderRequest("rev-1", "AAPL", OrderSide.Sell, OrderType.Market, 15))));
        var iocBracket = await Assert.ThrowsAsync<BrokerException>(() => broker.SubmitAsync(BrokerOrderRequest.WithBracket(new BracketRequest(LimitBuy("br-1", tif: TimeInForce.Ioc), 95, 110))));

        Assert.Equal((BrokerErrorKind.Refused, BrokerReasonCodes.ReversalUnsupported), (reversal.Kind, reversal.ReasonCode));
        var preflight = await broker.PreflightAsync(BrokerOrderRequest.Simple(new OrderRequest("rev-1", "AAPL", OrderSide.Sell, OrderType.Market, 15)));
        Assert.Equal((false, BrokerReasonCodes.ReversalUnsupported), (preflight.Accepted, preflight.ReasonCode));
        Assert.True((await broker.PreflightAsync(BrokerOrderRequest.Simple(new OrderRequest("close-1", "AAPL", OrderSide.Sell, OrderType.Market, 10)))).Accepted);
        Assert.Equal(BrokerReasonCodes.BracketTimeInForce, iocBracket.ReasonCode);
        Assert.Equal(0, _fake.Count("POST", "/v2/orders"));

        // Closing the position is not a reversal.
        var close = await broker.SubmitAsync(BrokerOrderRequest.Simple(new OrderRequest("close-1", "AAPL", OrderSide.Sell, OrderType.Market, 10)));
        Assert.Equal(OrderStatus.Accepted, close.Order.Status);
    }

    [Fact]
    public async Task CancelReplaceAndReads_GoThroughTheDocumentedEndpoints()
    {
        using var broker = Broker();
        await broker.SubmitAsync(BrokerOrderRequest.Simple(LimitBuy("o-1")));

        var replaced = await broker.ReplaceAsync(new BrokerReplaceRequest("o-1", "o-1-r1", Quantity: 5, LimitPrice: 99));
        Assert.Equal(("o-1-r1", 5.0, 99.0, OrderStatus.Accepted), (replaced.ClientOrderId, replaced.Quantity, replaced.LimitPrice!.Value, replaced.Status));
        var old = await broker.GetOrderAsync("o-1");
        Assert.Equal((OrderStatus.Canceled, "replaced", BrokerReasonCodes.Replaced, replaced.VenueOrderId), (old!.Status, old.VenueStatus, old.Reason, old.ReplacedByVenueOrderId));

        var canceled = await broker.CancelAsync("o-1-r1");
        Assert.Equal(OrderStatus.Canceled, canceled.Status);
        var again = await Assert.ThrowsAsync<BrokerException>(() => broker.CancelAsync("o-1-r1"));
        Assert.Equal((BrokerErrorKind.Conflict, BrokerReasonCodes.NotCancelable), (again.Kind, again.ReasonCode));
        Assert.Equal(BrokerErrorKind.NotFound, (await Assert.ThrowsAsync<BrokerException>(() => broker.CancelAsync("nope"))).Kind);
        Assert.Null(await broker.GetOrderAsync("nope"));

        Assert.Empty(await broker.GetOrdersAsync(BrokerOrderQuery.Open));
        Assert.Equal(["o-1", "o-1-r1"], (await broker.GetOrdersAsync(new BrokerOrderQuery(BrokerOrderScope.All))).Select(o => o.ClientOrderId));

        _fake.SetPosition("MSFT", -3, 400);
        var position = Assert.Single(await broker.GetPositionsAsync());
        Assert.Equal(("MSFT", -3.0, 400.0), (position.Symbol, position.Quantity, position.AveragePrice));
        var account = await broker.GetAccountAsync();
        Assert.Equal(("USD", 103820.56, 262113.632, "ACTIVE", true), (account.Currency, account.Equity, account.BuyingPower, account.VenueStatus, account.ShortingEnabled));
    }

    [Fact]
    public async Task WrongCredentials_AreAnUnauthorizedError_AndOptionsNeverShowTheKeys()
    {
        var options = Options() with { SecretKey = "wrong-secret" };
        using var broker = Broker(options);

        var ex = await Assert.ThrowsAsync<BrokerException>(() => broker.GetAccountAsync());

        Assert.Equal((BrokerErrorKind.Unauthorized, 401), (ex.Kind, ex.HttpStatus));
        Assert.DoesNotContain("wrong-secret", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret", options.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(FakeAlpacaServer.KeyId, options.ToString(), StringComparison.Ordinal);
        Assert.Contains("***", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheEnvironment_PicksTheDocumentedEndpoints_AndLiveMustBeChosen()
    {
        var paper = new AlpacaOptions { KeyId = "k", SecretKey = "s" };
        var live = paper with { Environment = AlpacaOptions.Live };

        Assert.Equal(("https://paper-api.alpaca.markets/", "wss://paper-api.alpaca.markets/stream"), (paper.RestBase.ToString(), paper.StreamBase.ToString()));
        Assert.Equal(("https://api.alpaca.markets/", "wss://api.alpaca.markets/stream"), (live.RestBase.ToString(), live.StreamBase.ToString()));
        Assert.Equal(nameof(AlpacaOptions.SecretKey), (paper with { SecretKey = "" }).Problem()?.Setting);
        Assert.Equal(nameof(AlpacaOptions.Environment), (paper with { Environment = "prod" }).Problem()?.Setting);
        Assert.Equal(nameof(AlpacaOptions.MaxRequestsPerMinute), (paper with { MaxRequestsPerMinute = 250 }).Problem()?.Setting);
    }
}
