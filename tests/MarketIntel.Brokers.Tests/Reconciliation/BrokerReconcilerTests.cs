using MarketIntel.Brokers.Alpaca;
using MarketIntel.Brokers.Tests.Alpaca;
using MarketIntel.Core.Brokerage;
using MarketIntel.Core.Storage;
using MarketIntel.Core.Trading;
using MarketIntel.Ingestion.Service;
using MarketIntel.Pipeline.Brokerage;
using MarketIntel.Storage.Embedded;
using Microsoft.Extensions.Time.Testing;

namespace MarketIntel.Brokers.Tests.Reconciliation;

/// <summary>
/// The broker journal and its reconciliation against the fake Alpaca venue: the intent is journaled before the order is
/// sent; after a "restart", a fill the platform missed is repaired from the venue, with its difference recorded;
/// orders the platform did not send are reported and never adopted; positions the platform did not trade are booked
/// as adjustments; a second reconciliation finds nothing.
/// </summary>
[Trait("Category", "Broker")]
public sealed class BrokerReconcilerTests : IAsyncLifetime, IDisposable
{
    private const string Connection = "alpaca-paper";
    private readonly string _data = Directory.CreateTempSubdirectory("marketintel-reconcile-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 14, 30, 0, TimeSpan.Zero));
    private readonly HttpClient _http = new();
    private FakeAlpacaServer _fake = null!;
    private AlpacaBroker _broker = null!;
    private EmbeddedRecordStore _records = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeAlpacaServer.StartAsync();
        _broker = new AlpacaBroker(_http, new AlpacaOptions { KeyId = FakeAlpacaServer.KeyId, SecretKey = FakeAlpacaServer.Secret, BaseUrl = _fake.BaseUrl, StreamUrl = _fake.StreamUrl });
        _records = new EmbeddedRecordStore(new EmbeddedDatabase(_data), _time);
    }

    public async Task DisposeAsync()
    {
        _broker.Dispose();
        await _fake.DisposeAsync();
    }

    public void Dispose()
    {
        _http.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    // A new process each time: the journal and the venue are all that survive.
    private (BrokerExecution Execution, BrokerReconciler Reconciler) Start()
    {
        var connections = new BrokerConnections([BrokerConnection.Of(Connection, "alpaca", "paper", _broker)]);
        var execution = new BrokerExecution(_records, connections, _time);
        return (execution, new BrokerReconciler(_records, connections, execution, _time, new IngestionEventLog(_records, _time, "test")));
    }

    private static BrokerOrderRequest Buy(string setup, double quantity = 10, double limit = 100) =>
        BrokerOrderRequest.Simple(new OrderRequest(BrokerClientOrderId.For("main", setup, "entry"), "AAPL", OrderSide.Buy, OrderType.Limit, quantity, limit, null, TimeInForce.Gtc));

    [Fact]
    public async Task AnOrderSent_IsJournaledWithItsSourceAndCause_AndASecondSubmitOfItsIdSendsNothing()
    {
        var (execution, _) = Start();
        var request = Buy("s1");

        var (order, duplicate) = await execution.SubmitAsync(Connection, request, OrderOrigin.Automation, "scan r1 (ema-cross): AAPL long setup at 2026-03-02T14:00:00Z");
        var (again, duplicateAgain) = await execution.SubmitAsync(Connection, request, OrderOrigin.Automation, null);

        Assert.False(duplicate);
        Assert.True(duplicateAgain);
        Assert.Equal(OrderStatus.Accepted, order.Status);
        Assert.Equal("automation", again.Origin);
        Assert.StartsWith("scan r1", again.Cause, StringComparison.Ordinal);
        Assert.Equal(1, _fake.OrderCount(request.ClientOrderId));
        Assert.Equal(1, _fake.Count("POST", "/v2/orders"));
    }

    [Fact]
    public async Task AfterARestart_AFillThePlatformMissed_IsRepairedFromTheVenue_AndRecordedAsADifference()
    {
        var (execution, _) = Start();
        var full = Buy("s1");
        var partial = Buy("s2", quantity: 20);
        await execution.SubmitAsync(Connection, full, OrderOrigin.Client, null);
        await execution.SubmitAsync(Connection, partial, OrderOrigin.Client, null);

        // The process is down (no stream consumer) while the venue fills one order in full and another in part.
        _fake.Fill(full.ClientOrderId, 10, 99.5);
        _fake.Fill(partial.ClientOrderId, 5, 99.0);

        var (restarted, reconciler) = Start();
        var report = await reconciler.ReconcileAsync(Connection, "start");

        Assert.Equal(2, report.OrdersChecked);
        var missed = report.Differences.Where(d => d.Kind == "fill_missed").OrderBy(d => d.ClientOrderId, StringComparer.Ordinal).ToList();
        Assert.Equal([full.ClientOrderId, partial.ClientOrderId], missed.Select(d => d.ClientOrderId).Order(StringComparer.Ordinal));
        Assert.All(missed, d => Assert.Equal(BrokerReconciler.Repaired, d.Action));
        Assert.DoesNotContain(report.Differences, d => d.Kind == "position_mismatch");

        var filled = (await restarted.GetAsync(Connection, full.ClientOrderId))!;
        Assert.Equal(OrderStatus.Filled, filled.Status);
        Assert.Equal(10, filled.Venue!.FilledQuantity);
        Assert.Equal(99.5, filled.Venue.AveragePrice);
        var part = (await restarted.GetAsync(Connection, partial.ClientOrderId))!;
        Assert.Equal(OrderStatus.PartiallyFilled, part.Status);
        Assert.Equal(5, part.Venue!.FilledQuantity);
        Assert.Equal(15, (await reconciler.JournalPositionsAsync(Connection))["AAPL"]);

        // The report is stored and a system event says what happened.
        var history = await reconciler.HistoryAsync(Connection, 5);
        Assert.Equal(2, Assert.Single(history).Repaired);
        var evt = Assert.Single(await new IngestionEventLog(_records, _time, "test").ReadDayAsync(new DateOnly(2026, 3, 2), "broker.reconciliation"));
        Assert.Equal("warning", evt.Severity);
        Assert.Equal(2, evt.Counts!["fill_missed"]);

        // Nothing is left to repair: a second run finds the journal and the venue in agreement.
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty((await reconciler.ReconcileAsync(Connection, "manual")).Differences);
    }

    [Fact]
    public async Task AVenueCancelWhileDown_IsAStatusChange_RepairedWithoutAnyFill()
    {
        var (execution, reconciler) = Start();
        var request = Buy("s1");
        await execution.SubmitAsync(Connection, request, OrderOrigin.Client, null);
        _fake.CancelAtVenue(request.ClientOrderId);

        var report = await reconciler.ReconcileAsync(Connection, "reconnect");

        var difference = Assert.Single(report.Differences);
        Assert.Equal(("status_changed", "accepted", "canceled", BrokerReconciler.Repaired), (difference.Kind, difference.Journal, difference.Venue, difference.Action));
        Assert.Equal(OrderStatus.Canceled, (await execution.GetAsync(Connection, request.ClientOrderId))!.Status);
    }

    [Fact]
    public async Task OrdersThePlatformDidNotSend_AreReportedNeverAdopted_AndAnIntentTheVenueNeverGotIsReported()
    {
        var (execution, reconciler) = Start();

        // Placed at the venue by another process with one of our ids (say, a journal restored from an old backup), and by hand.
        using (var other = new AlpacaBroker(_http, new AlpacaOptions { KeyId = FakeAlpacaServer.KeyId, SecretKey = FakeAlpacaServer.Secret, BaseUrl = _fake.BaseUrl, StreamUrl = _fake.StreamUrl }))
        {
            await other.SubmitAsync(Buy("elsewhere"));
            await other.SubmitAsync(BrokerOrderRequest.Simple(new OrderRequest("by-hand-1", "MSFT", OrderSide.Buy, OrderType.Limit, 1, 300, null, TimeInForce.Gtc)));
        }

        // The process died between journaling an intent and sending it.
        var lost = Buy("lost");
        await _records.CreateAsync(new RecordEnvelope<BrokerOrderRecord>(
            BrokerExecution.OrderId(lost.ClientOrderId), BrokerExecution.Partition(Connection), RecordKinds.BrokerOrder, _time.GetUtcNow(), System.Text.Json.JsonSerializer.SerializeToElement(new { }), "test", "new",
            new BrokerOrderRecord(Connection, lost.Order, null, null, "client", null, OrderStatus.New, null, null, _time.GetUtcNow().UtcDateTime, _time.GetUtcNow().UtcDateTime)));

        var report = await reconciler.ReconcileAsync(Connection, "start");

        Assert.Equal(
            [("foreign_order", "by-hand-1"), ("intent_not_at_venue", lost.ClientOrderId), ("unknown_order", Buy("elsewhere").ClientOrderId)],
            report.Differences.Select(d => (d.Kind, d.ClientOrderId!)).Order());
        Assert.All(report.Differences, d => Assert.Equal(BrokerReconciler.Reported, d.Action));
        Assert.Null(await execution.GetAsync(Connection, "by-hand-1"));
        Assert.Equal(OrderStatus.New, (await execution.GetAsync(Connection, lost.ClientOrderId))!.Status);

        // Submitting the intent's id again sends it (the venue takes a client order id once), and a third time sends nothing.
        var (sent, duplicate) = await execution.SubmitAsync(Connection, lost, OrderOrigin.Client, null);
        Assert.False(duplicate);
        Assert.Equal(OrderStatus.Accepted, sent.Status);
        Assert.True((await execution.SubmitAsync(Connection, lost, OrderOrigin.Client, null)).Duplicate);
        Assert.Equal(1, _fake.OrderCount(lost.ClientOrderId));
    }

    [Fact]
    public async Task APositionThePlatformDidNotTrade_IsBookedAsAnAdjustment_Once()
    {
        var (_, reconciler) = Start();
        _fake.SetPosition("SPY", 3, 500);

        var first = await reconciler.ReconcileAsync(Connection, "start");
        var second = await reconciler.ReconcileAsync(Connection, "manual");

        var difference = Assert.Single(first.Differences);
        Assert.Equal(("position_mismatch", "SPY", "0", "3", BrokerReconciler.Repaired), (difference.Kind, difference.Symbol!, difference.Journal, difference.Venue, difference.Action));
        Assert.Empty(second.Differences);
        Assert.Equal(3, (await reconciler.JournalPositionsAsync(Connection))["SPY"]);
    }

    private static BrokerOrderRequest Sell(string setup, double quantity) =>
        BrokerOrderRequest.Simple(new OrderRequest(BrokerClientOrderId.For("main", setup, "entry"), "AAPL", OrderSide.Sell, OrderType.Limit, quantity, 100, null, TimeInForce.Gtc));

    [Fact]
    public async Task AReversalTheVenueCannotTakeInOneOrder_IsSentAsCloseThenOpen_TheOpenOnlyOnceTheCloseHasFilled()
    {
        var (execution, _) = Start();
        _fake.SetPosition("AAPL", 100, 90);
        var request = Sell("flip", 150);
        var closeId = BrokerClientOrderId.For(Connection, request.ClientOrderId, "close");
        var openId = BrokerClientOrderId.For(Connection, request.ClientOrderId, "open");

        var (original, _) = await execution.SubmitAsync(Connection, request, OrderOrigin.Automation, "scan r9");

        Assert.Equal((OrderStatus.Canceled, BrokerExecution.SentAsPair, closeId), (original.Status, original.Reason, original.Then));
        Assert.Equal(0, _fake.OrderCount(request.ClientOrderId));
        Assert.Equal(1, _fake.OrderCount(closeId));
        Assert.Equal(("sell", "100"), ((string)_fake.OrderByClientId(closeId)["side"]!, (string)_fake.OrderByClientId(closeId)["qty"]!));
        Assert.Equal(0, _fake.OrderCount(openId));
        var waiting = (await execution.GetAsync(Connection, openId))!;
        Assert.Equal((OrderStatus.New, closeId, 50.0, "automation"), (waiting.Status, waiting.After, waiting.Entry.Quantity, waiting.Origin));
        Assert.Contains("close-then-open", waiting.Cause, StringComparison.Ordinal);

        // The close fills and its event is applied (what the supervisor does): the open goes out, once.
        _fake.Fill(closeId, 100, 100);
        var close = await execution.ApplyAsync(Connection, (await _broker.GetOrderAsync(closeId))!);
        var opened = await execution.ContinuePairAsync(Connection, close);
        Assert.Equal(OrderStatus.Accepted, opened!.Status);
        Assert.Null(await execution.ContinuePairAsync(Connection, close));
        Assert.Equal(1, _fake.OrderCount(openId));
        Assert.Equal(("sell", "50"), ((string)_fake.OrderByClientId(openId)["side"]!, (string)_fake.OrderByClientId(openId)["qty"]!));
    }

    [Fact]
    public async Task APairWhoseCloseEndedWhileDown_IsTakenUpByReconciliation_SentAfterAFill_CanceledAfterACancel()
    {
        var (execution, reconciler) = Start();
        _fake.SetPosition("AAPL", 100, 90);
        var filled = Sell("flip-1", 130);
        await execution.SubmitAsync(Connection, filled, OrderOrigin.Client, null);
        _fake.Fill(BrokerClientOrderId.For(Connection, filled.ClientOrderId, "close"), 100, 100);

        _fake.SetPosition("MSFT", 10, 300);
        var canceled = BrokerOrderRequest.Simple(new OrderRequest(BrokerClientOrderId.For("main", "flip-2", "entry"), "MSFT", OrderSide.Sell, OrderType.Limit, 15, 300, null, TimeInForce.Gtc));
        await execution.SubmitAsync(Connection, canceled, OrderOrigin.Client, null);
        _fake.CancelAtVenue(BrokerClientOrderId.For(Connection, canceled.ClientOrderId, "close"));

        var report = await reconciler.ReconcileAsync(Connection, "start");

        var openFilled = BrokerClientOrderId.For(Connection, filled.ClientOrderId, "open");
        var openCanceled = BrokerClientOrderId.For(Connection, canceled.ClientOrderId, "open");
        Assert.Contains(report.Differences, d => d is { Kind: "contingent_open_sent", Action: BrokerReconciler.Repaired } && d.ClientOrderId == openFilled);
        Assert.Contains(report.Differences, d => d is { Kind: "contingent_open_canceled", Action: BrokerReconciler.Repaired } && d.ClientOrderId == openCanceled);
        Assert.DoesNotContain(report.Differences, d => d.Kind is "intent_not_at_venue" or "unknown_order");
        Assert.Equal(1, _fake.OrderCount(openFilled));
        Assert.Equal(0, _fake.OrderCount(openCanceled));
        Assert.Equal((OrderStatus.Canceled, "contingent_close_not_filled"), ((await execution.GetAsync(Connection, openCanceled))!.Status, (await execution.GetAsync(Connection, openCanceled))!.Reason));

        // Nothing is sent twice by a second reconciliation.
        Assert.DoesNotContain((await reconciler.ReconcileAsync(Connection, "manual")).Differences, d => d.Kind.StartsWith("contingent", StringComparison.Ordinal));
        Assert.Equal(1, _fake.OrderCount(openFilled));
    }
}
