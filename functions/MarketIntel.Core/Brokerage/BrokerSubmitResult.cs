namespace MarketIntel.Core.Brokerage;

/// <summary>
/// What a submit did: the order (status <see cref="Trading.OrderStatus.Rejected"/> with a reason code when the venue
/// said no) and whether it already existed under this client order id, i.e. a retry found the first attempt's order.
/// </summary>
public sealed record BrokerSubmitResult(BrokerOrder Order, bool Duplicate);
