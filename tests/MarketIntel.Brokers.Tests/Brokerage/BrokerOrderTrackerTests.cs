using MarketIntel.Core.Brokerage;
using MarketIntel.Core.Trading;

namespace MarketIntel.Brokers.Tests.Brokerage;

/// <summary>
/// Venue reports walked onto our order state machine: each legal change is the right sequence of our events (with fill
/// quantities and prices), a repeat is nothing, and a change our machine does not allow is one error event.
/// </summary>
[Trait("Category", "Broker")]
public sealed class BrokerOrderTrackerTests
{
    private static readonly DateTime T0 = new(2026, 3, 2, 14, 30, 0, DateTimeKind.Utc);

    private static BrokerOrder Report(OrderStatus status, double filled = 0, double? average = null, int second = 0, string venue = "x", string? reason = null) =>
        new("c-1", "v-1", "SPY", OrderSide.Buy, OrderType.Limit, 10, 100, null, TimeInForce.Gtc, status, venue, filled, average, T0, T0.AddSeconds(second), reason);

    private static (OrderEventKind, OrderStatus, OrderStatus, double, double)[] Steps(IEnumerable<BrokerOrderEvent> events) =>
        events.Select(e => (e.Transition!.Kind, e.Transition.From, e.Transition.To, e.Transition.Quantity, e.Transition.Price)).ToArray();

    [Fact]
    public void NewThenPartialThenFill_AreAcceptPartialFillAndFill_WithEachExecutionsPriceFromTheAverage()
    {
        var tracker = new BrokerOrderTracker();

        var accepted = tracker.Observe(Report(OrderStatus.Accepted), "new", T0);
        var partial = tracker.Observe(Report(OrderStatus.PartiallyFilled, 4, 100), "partial_fill", T0.AddSeconds(1));
        var filled = tracker.Observe(Report(OrderStatus.Filled, 10, 99.4), "fill", T0.AddSeconds(2));

        Assert.Equal([(OrderEventKind.Accept, OrderStatus.New, OrderStatus.Accepted, 0.0, 0.0)], Steps(accepted));
        Assert.Equal([(OrderEventKind.PartialFill, OrderStatus.Accepted, OrderStatus.PartiallyFilled, 4.0, 100.0)], Steps(partial));

        // 10 × 99.4 = 994 in all, 400 of it before: the last 6 cost 594, 99 each.
        var fill = Assert.Single(filled).Transition!;
        Assert.Equal((OrderEventKind.Fill, 6.0), (fill.Kind, fill.Quantity));
        Assert.Equal(99, fill.Price, 9);
        Assert.Equal(T0.AddSeconds(2), tracker.LastSeen);
        Assert.Null(tracker.OldestOpen);
    }

    [Fact]
    public void AFillOfAnOrderNeverSeenAccepted_ImpliesTheAccept_AndASecondReportOfItIsNothing()
    {
        var tracker = new BrokerOrderTracker();

        var first = tracker.Observe(Report(OrderStatus.Filled, 10, 100), "fill", T0);
        var again = tracker.Observe(Report(OrderStatus.Filled, 10, 100), "fill", T0);

        Assert.Equal([OrderEventKind.Accept, OrderEventKind.Fill], first.Select(e => e.Transition!.Kind));
        Assert.Empty(again);
    }

    [Fact]
    public void ACancelAfterAPartialFillSeenOnlyAsTheEndState_IsPartialFillThenCancel_WithTheReason()
    {
        var tracker = new BrokerOrderTracker();
        tracker.Observe(Report(OrderStatus.Accepted), "new", T0);

        var events = tracker.Observe(Report(OrderStatus.Canceled, 3, 101, reason: BrokerReasonCodes.Replaced), "catch_up", T0.AddSeconds(5));

        Assert.Equal([(OrderEventKind.PartialFill, 3.0), (OrderEventKind.Cancel, 0.0)], events.Select(e => (e.Transition!.Kind, e.Transition.Quantity)));
        Assert.Equal(BrokerReasonCodes.Replaced, events[^1].Transition!.Reason);
    }

    [Fact]
    public void AFillAfterACancel_IsOneErrorEvent_AndTheStateStaysCanceled()
    {
        var tracker = new BrokerOrderTracker();
        tracker.Observe(Report(OrderStatus.Accepted), "new", T0);
        tracker.Observe(Report(OrderStatus.Canceled), "canceled", T0.AddSeconds(1));

        var error = Assert.Single(tracker.Observe(Report(OrderStatus.Filled, 10, 100, venue: "filled"), "fill", T0.AddSeconds(2)));
        var repeated = tracker.Observe(Report(OrderStatus.Filled, 10, 100, venue: "filled"), "fill", T0.AddSeconds(3));

        Assert.True(error.IsError);
        Assert.Null(error.Transition);
        Assert.StartsWith(BrokerReasonCodes.IllegalTransition, error.Error, StringComparison.Ordinal);
        Assert.Contains("Canceled", error.Error, StringComparison.Ordinal);
        Assert.Empty(repeated);
        Assert.Equal(OrderStatus.Canceled, tracker.StatusOf("c-1"));
    }

    [Theory]
    [InlineData(OrderStatus.PartiallyFilled, 5, OrderStatus.PartiallyFilled, 2)] // filled quantity going down
    [InlineData(OrderStatus.Accepted, 0, OrderStatus.New, 0)] // back to not accepted
    [InlineData(OrderStatus.Accepted, 0, OrderStatus.Rejected, 0)] // a working order cannot be rejected
    [InlineData(OrderStatus.Filled, 10, OrderStatus.Canceled, 10)] // a filled order cannot be canceled
    public void ChangesOurMachineDoesNotAllow_AreErrors(OrderStatus first, double firstFilled, OrderStatus then, double thenFilled)
    {
        var tracker = new BrokerOrderTracker();
        tracker.Observe(Report(first, firstFilled, firstFilled > 0 ? 100 : null), "a", T0);

        var events = tracker.Observe(Report(then, thenFilled, thenFilled > 0 ? 100 : null, second: 1), "b", T0.AddSeconds(1));

        Assert.True(Assert.Single(events).IsError);
        Assert.Equal(first, tracker.StatusOf("c-1"));
    }

    [Fact]
    public void ARejectionOfANewOrder_IsAReject_AndAnInformationalEventIsPassedOnOnce()
    {
        var tracker = new BrokerOrderTracker();
        var pending = tracker.Observe(Report(OrderStatus.New), "pending_new", T0, informational: true);
        var pendingAgain = tracker.Observe(Report(OrderStatus.New), "pending_new", T0, informational: true);
        var rejected = tracker.Observe(Report(OrderStatus.Rejected, reason: BrokerReasonCodes.InsufficientBuyingPower), "rejected", T0.AddSeconds(1));

        Assert.Null(Assert.Single(pending).Transition);
        Assert.Empty(pendingAgain);
        var reject = Assert.Single(rejected).Transition!;
        Assert.Equal((OrderEventKind.Reject, BrokerReasonCodes.InsufficientBuyingPower), (reject.Kind, reject.Reason));
    }
}
