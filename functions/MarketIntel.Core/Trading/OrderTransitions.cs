namespace MarketIntel.Core.Trading;

/// <summary>
/// The order state machine as one explicit table: every legal (state, event) pair and the state it leads to. Any pair
/// not listed is illegal; Filled, Canceled, Expired and Rejected are terminal.
/// </summary>
public static class OrderTransitions
{
    private static readonly Dictionary<(OrderStatus, OrderEventKind), OrderStatus> Table = new()
    {
        [(OrderStatus.New, OrderEventKind.Accept)] = OrderStatus.Accepted,
        [(OrderStatus.New, OrderEventKind.Reject)] = OrderStatus.Rejected,
        [(OrderStatus.Accepted, OrderEventKind.PartialFill)] = OrderStatus.PartiallyFilled,
        [(OrderStatus.Accepted, OrderEventKind.Fill)] = OrderStatus.Filled,
        [(OrderStatus.Accepted, OrderEventKind.Cancel)] = OrderStatus.Canceled,
        [(OrderStatus.Accepted, OrderEventKind.Expire)] = OrderStatus.Expired,
        [(OrderStatus.PartiallyFilled, OrderEventKind.PartialFill)] = OrderStatus.PartiallyFilled,
        [(OrderStatus.PartiallyFilled, OrderEventKind.Fill)] = OrderStatus.Filled,
        [(OrderStatus.PartiallyFilled, OrderEventKind.Cancel)] = OrderStatus.Canceled,
        [(OrderStatus.PartiallyFilled, OrderEventKind.Expire)] = OrderStatus.Expired,
    };

    /// <summary>Every legal transition, for documentation and the API's 409 messages.</summary>
    public static IReadOnlyDictionary<(OrderStatus From, OrderEventKind Event), OrderStatus> All => Table;

    public static bool TryNext(OrderStatus from, OrderEventKind kind, out OrderStatus to) => Table.TryGetValue((from, kind), out to);

    public static bool IsTerminal(OrderStatus status) =>
        status is OrderStatus.Filled or OrderStatus.Canceled or OrderStatus.Expired or OrderStatus.Rejected;

    public static bool IsWorking(OrderStatus status) => status is OrderStatus.Accepted or OrderStatus.PartiallyFilled;
}
