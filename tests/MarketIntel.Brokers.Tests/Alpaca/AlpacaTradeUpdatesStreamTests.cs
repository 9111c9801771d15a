using System.Collections.Concurrent;
using MarketIntel.Brokers.Alpaca;
using MarketIntel.Core.Brokerage;
using MarketIntel.Core.Trading;

namespace MarketIntel.Brokers.Tests.Alpaca;

/// <summary>
/// The trade_updates stream through the broker port against the fake: auth and listen, events as our state machine's
/// steps, and a drop: while the stream is down the fake fills, cancels and takes a new order; after the reconnect the
/// REST catch-up emits exactly those changes, once, and a late repeat of an old event adds nothing.
/// </summary>
[Trait("Category", "Broker")]
public sealed class AlpacaTradeUpdatesStreamTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private FakeAlpacaServer _fake = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync() => _fake = await FakeAlpacaServer.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    public void Dispose() => _http.Dispose();

    private AlpacaBroker Broker(string secret = FakeAlpacaServer.Secret) => new(_http, new AlpacaOptions
    {
        KeyId = FakeAlpacaServer.KeyId,
        SecretKey = secret,
        BaseUrl = _fake.BaseUrl,
        StreamUrl = _fake.StreamUrl,
        ReconnectDelay = TimeSpan.FromMilliseconds(50),
        MaxReconnectDelay = TimeSpan.FromMilliseconds(200),
    });

    private static async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(20);
        }
    }

    /// <summary>Starts reading the stream in the background and waits until the fake has it subscribed.</summary>
    private async Task<(ConcurrentQueue<BrokerOrderEvent> Seen, Task Reader)> ListenAsync(AlpacaBroker broker, CancellationToken stop)
    {
        var seen = new ConcurrentQueue<BrokerOrderEvent>();
        var reader = Task.Run(() => CollectAsync(broker, seen, stop), CancellationToken.None);
        await Until(() => _fake.Listening == 1, "the subscription");
        return (seen, reader);
    }

    /// <summary>Reads the stream into <paramref name="seen"/> until <paramref name="stop"/> (the enumeration's cancellation is the normal end).</summary>
    private static async Task CollectAsync(AlpacaBroker broker, ConcurrentQueue<BrokerOrderEvent> seen, CancellationToken stop)
    {
        try
        {
            await foreach (var e in broker.StreamOrderEventsAsync(stop))
            {
                seen.Enqueue(e);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private static BrokerOrderRequest Buy(string id, double quantity) => BrokerOrderRequest.Simple(new OrderRequest(id, "AAPL", OrderSide.Buy, OrderType.Limit, quantity, 100, null, TimeInForce.Gtc));

    [Fact]
    public async Task EventsMissedWhileDisconnected_ArriveOnceAfterTheReconnect_AndNothingSeenBeforeIsRepeated()
    {
        using var broker = Broker();
        using var stop = new CancellationTokenSource();
        var (seen, reader) = await ListenAsync(broker, stop.Token);

        await broker.SubmitAsync(Buy("a", 10));
        await broker.SubmitAsync(Buy("b", 5));
        _fake.Fill("a", 4, 100);
        await Until(() => seen.Count == 3, "accept a, accept b, partial fill a");

        // The connection drops and reconnects are refused for a while; meanwhile the venue moves on.
        _fake.RefuseStreams = true;
        _fake.DropStreams();
        _fake.Fill("a", 6, 101);
        _fake.CancelAtVenue("b");
        await broker.SubmitAsync(Buy("c", 1));
        await Task.Delay(300);
        Assert.Equal(3, seen.Count);
        _fake.RefuseStreams = false;
        await Until(() => seen.Count == 6, "the catch-up");

        // A late repeat of a fill already caught up, then a real change that must arrive after it.
        _fake.Publish("fill", _fake.OrderByClientId("a"), 101, 6);
        _fake.CancelAtVenue("c");
        await Until(() => seen.Any(e => e.ClientOrderId == "c" && e.Transition?.Kind == OrderEventKind.Cancel), "the cancel of c");
        await stop.CancelAsync();
        await reader.WaitAsync(Patience);

        Assert.Equal(
            [("a", OrderEventKind.Accept), ("b", OrderEventKind.Accept), ("a", OrderEventKind.PartialFill), ("a", OrderEventKind.Fill), ("b", OrderEventKind.Cancel), ("c", OrderEventKind.Accept), ("c", OrderEventKind.Cancel)],
            seen.Select(e => (e.ClientOrderId, e.Transition!.Kind)));
        var fill = seen.Single(e => e.Transition!.Kind == OrderEventKind.Fill).Transition!;
        Assert.Equal(6, fill.Quantity);
        Assert.Equal(101, fill.Price, 9);
        Assert.All(seen, e => Assert.False(e.IsError));
        Assert.True(_fake.StreamConnections >= 2);
    }

    [Fact]
    public async Task AFillReportedForACanceledOrder_IsAnErrorEvent_NotAnAppliedFill()
    {
        using var broker = Broker();
        using var stop = new CancellationTokenSource();
        var (seen, reader) = await ListenAsync(broker, stop.Token);
        await broker.SubmitAsync(Buy("x", 10));
        await broker.CancelAsync("x");
        await Until(() => seen.Count == 2, "accept and cancel");

        var impossible = _fake.OrderByClientId("x");
        impossible["status"] = "filled";
        impossible["filled_qty"] = "10";
        impossible["filled_avg_price"] = "100";
        _fake.Publish("fill", impossible, 100, 10);
        await Until(() => seen.Count == 3, "the error event");
        await stop.CancelAsync();
        await reader.WaitAsync(Patience);

        var error = seen.Last();
        Assert.True(error.IsError);
        Assert.Equal("fill", error.VenueEvent);
        Assert.StartsWith(BrokerReasonCodes.IllegalTransition, error.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusedStreamCredentials_EndTheStreamWithAnUnauthorizedError()
    {
        using var broker = Broker(secret: "wrong");

        var ex = await Assert.ThrowsAsync<BrokerException>(async () =>
        {
            await foreach (var _ in broker.StreamOrderEventsAsync().WithCancellation(new CancellationTokenSource(Patience).Token))
            {
            }
        });

        Assert.Equal(BrokerErrorKind.Unauthorized, ex.Kind);
    }
}
