using System.Globalization;
using MarketIntel.Core.Trading;

namespace MarketIntel.Core.Brokerage;

/// <summary>
/// Turns what a venue says about its orders (stream events and REST snapshots, in any mix and with repeats) into OUR
/// order events: each observation is compared with the state last seen for that client order id, and the difference is
/// walked along <see cref="OrderTransitions"/> (an implied accept first when a venue reports a fill or cancel of an
/// order we never saw accepted; a partial fill before a cancel that left the order partly filled). Seeing the same state
/// again yields nothing, which is what makes a REST catch-up after a reconnect safe to overlap with the stream. A change
/// the table does not allow (a fill after a cancel, a filled quantity going down) is one error event, the state is left
/// as it was, and the same bad report is not repeated.
/// </summary>
public sealed class BrokerOrderTracker
{
    private readonly Dictionary<string, Tracked> _orders = new(StringComparer.Ordinal);
    private readonly HashSet<string> _informational = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>The latest venue time observed, the point a catch-up starts from.</summary>
    public DateTime? LastSeen { get; private set; }

    /// <summary>The creation time of the oldest order not yet in a terminal state (its changes may still be missed), or null.</summary>
    public DateTime? OldestOpen
    {
        get
        {
            lock (_lock)
            {
                DateTime? oldest = null;
                foreach (var t in _orders.Values)
                {
                    if (!OrderTransitions.IsTerminal(t.Status) && (oldest is null || t.Created < oldest))
                    {
                        oldest = t.Created;
                    }
                }

                return oldest;
            }
        }
    }

    /// <summary>Our status for the client order id as last observed, or null when never seen.</summary>
    public OrderStatus? StatusOf(string clientOrderId)
    {
        lock (_lock)
        {
            return _orders.TryGetValue(clientOrderId, out var t) ? t.Status : null;
        }
    }

    /// <summary>
    /// Observes <paramref name="order"/> (its <see cref="BrokerOrder.Status"/> already mapped to ours, its filled quantity
    /// cumulative) as reported by <paramref name="venueEvent"/> at <paramref name="time"/>. <paramref name="fillPrice"/> is
    /// the venue's price of this execution, used when the average price cannot give it. <paramref name="informational"/>:
    /// the venue event is worth passing on even when it moves no state (a stream's <c>pending_cancel</c>), once.
    /// </summary>
    public IReadOnlyList<BrokerOrderEvent> Observe(BrokerOrder order, string venueEvent, DateTime time, double? fillPrice = null, bool informational = false)
    {
        ArgumentNullException.ThrowIfNull(order);
        lock (_lock)
        {
            if (LastSeen is null || time > LastSeen)
            {
                LastSeen = time;
            }

            if (!_orders.TryGetValue(order.ClientOrderId, out var t))
            {
                t = new Tracked { Created = order.Created };
                _orders[order.ClientOrderId] = t;
            }

            var delta = order.FilledQuantity - t.Filled;
            if (order.Status == t.Status && delta == 0)
            {
                var key = $"{order.ClientOrderId}|{venueEvent}|{order.Updated.Ticks.ToString(CultureInfo.InvariantCulture)}";
                return informational && _informational.Add(key) ? [new BrokerOrderEvent(order.ClientOrderId, venueEvent, time, order, null)] : [];
            }

            if (Plan(t, order, delta) is not { } steps)
            {
                var errorKey = $"{order.Status}|{order.FilledQuantity.ToString(CultureInfo.InvariantCulture)}";
                if (t.LastError == errorKey)
                {
                    return [];
                }

                t.LastError = errorKey;
                var error = $"{BrokerReasonCodes.IllegalTransition}: {t.Status} (filled {t.Filled.ToString(CultureInfo.InvariantCulture)}) cannot become {order.Status} (filled {order.FilledQuantity.ToString(CultureInfo.InvariantCulture)}) as the venue reports ('{order.VenueStatus}')";
                return [new BrokerOrderEvent(order.ClientOrderId, venueEvent, time, order, null, error)];
            }

            var price = FillPrice(t, order, delta, fillPrice);
            var events = new List<BrokerOrderEvent>(steps.Count);
            foreach (var kind in steps)
            {
                OrderTransitions.TryNext(t.Status, kind, out var next);
                var fill = kind is OrderEventKind.Fill or OrderEventKind.PartialFill;
                var reason = kind is OrderEventKind.Cancel or OrderEventKind.Expire or OrderEventKind.Reject ? order.Reason ?? order.VenueStatus : null;
                var transition = new OrderEvent(order.ClientOrderId, kind, time, t.Status, next, fill ? delta : 0, fill ? price : 0, reason);
                events.Add(new BrokerOrderEvent(order.ClientOrderId, venueEvent, time, order, transition));
                t.Status = next;
            }

            if (delta > 0)
            {
                t.Notional += delta * price;
                t.Filled = order.FilledQuantity;
            }

            t.LastError = null;
            return events;
        }
    }

    /// <summary>The steps from the tracked state to the reported one, or null when our machine does not allow it.</summary>
    private static List<OrderEventKind>? Plan(Tracked t, BrokerOrder order, double delta)
    {
        if (delta < 0 || OrderTransitions.IsTerminal(t.Status) || order.Status == OrderStatus.New)
        {
            return null;
        }

        var steps = new List<OrderEventKind>(3);
        var at = t.Status;
        void Step(OrderEventKind kind)
        {
            steps.Add(kind);
            OrderTransitions.TryNext(at, kind, out at);
        }

        if (at == OrderStatus.New && order.Status != OrderStatus.Rejected)
        {
            Step(OrderEventKind.Accept);
        }

        if (delta > 0)
        {
            Step(order.Status == OrderStatus.Filled ? OrderEventKind.Fill : OrderEventKind.PartialFill);
        }

        OrderEventKind? last = order.Status switch
        {
            OrderStatus.Canceled => OrderEventKind.Cancel,
            OrderStatus.Expired => OrderEventKind.Expire,
            OrderStatus.Rejected => OrderEventKind.Reject,
            _ => null,
        };
        if (last is { } k)
        {
            Step(k);
        }

        // Every step must be legal, and the walk must end where the venue says the order is.
        var check = t.Status;
        foreach (var step in steps)
        {
            if (!OrderTransitions.TryNext(check, step, out check))
            {
                return null;
            }
        }

        return check == order.Status ? steps : null;
    }

    private static double FillPrice(Tracked t, BrokerOrder order, double delta, double? reported)
    {
        if (delta <= 0)
        {
            return 0;
        }

        if (order.AveragePrice is { } average && average > 0)
        {
            // The venue's cumulative average gives this execution's price exactly: what the new notional adds.
            return ((average * order.FilledQuantity) - t.Notional) / delta;
        }

        return reported ?? double.NaN;
    }

    private sealed class Tracked
    {
        public OrderStatus Status { get; set; } = OrderStatus.New;

        public double Filled { get; set; }

        public double Notional { get; set; }

        public DateTime Created { get; init; }

        public string? LastError { get; set; }
    }
}
