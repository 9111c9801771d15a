namespace MarketIntel.Core.Trading;

/// <summary>
/// An order and its history. Every change goes through <see cref="Apply"/>, which consults <see cref="OrderTransitions"/>
/// and records the event, so the history always explains the state.
/// </summary>
public sealed class Order
{
    private readonly List<OrderEvent> _events = [];
    private double _filledNotional;

    private readonly List<OrderEvent>? _log;

    public Order(OrderRequest request, DateTime created, long sequence)
        : this(request, created, sequence, null)
    {
    }

    // log: where every event of this order is also appended as it happens (the engine's event log, which the journal stores).
    internal Order(OrderRequest request, DateTime created, long sequence, List<OrderEvent>? log)
    {
        ArgumentNullException.ThrowIfNull(request);
        Request = request;
        Created = created;
        Sequence = sequence;
        _log = log;
    }

    public OrderRequest Request { get; }

    public string Id => Request.ClientOrderId;

    public DateTime Created { get; }

    /// <summary>Activation order: working orders are tried on a bar in this order.</summary>
    public long Sequence { get; }

    public OrderStatus Status { get; private set; } = OrderStatus.New;

    public double FilledQuantity { get; private set; }

    public double Remaining => Request.Quantity - FilledQuantity;

    /// <summary>Volume-weighted fill price, or NaN before the first fill.</summary>
    public double AveragePrice => FilledQuantity > 0 ? _filledNotional / FilledQuantity : double.NaN;

    /// <summary>A stop-limit whose stop was reached: from the bar after the trigger it works as a plain limit.</summary>
    public bool Triggered { get; internal set; }

    /// <summary>The price the risk checks assumed at acceptance (what a working buy reserves per unit).</summary>
    public double ReferencePrice { get; internal set; }

    /// <summary>The reason code of a rejection, cancel or expiry.</summary>
    public string? Reason { get; private set; }

    public IReadOnlyList<OrderEvent> Events => _events;

    public bool IsWorking => OrderTransitions.IsWorking(Status);

    /// <summary>Moves the order by one event; throws <see cref="IllegalOrderTransitionException"/> for a pair the table does not allow.</summary>
    public OrderEvent Apply(OrderEventKind kind, DateTime time, double quantity = 0, double price = 0, string? reason = null)
    {
        if (!OrderTransitions.TryNext(Status, kind, out var next))
        {
            throw new IllegalOrderTransitionException(Id, Status, kind);
        }

        if (kind is OrderEventKind.PartialFill or OrderEventKind.Fill)
        {
            FilledQuantity += quantity;
            _filledNotional += quantity * price;
        }

        if (reason is not null)
        {
            Reason = reason;
        }

        var e = new OrderEvent(Id, kind, time, Status, next, quantity, price, reason);
        Status = next;
        _events.Add(e);
        _log?.Add(e);
        return e;
    }
}
