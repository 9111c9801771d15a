namespace MarketIntel.Core.Trading;

/// <summary>States of the order state machine; the legal moves between them are <see cref="OrderTransitions"/>.</summary>
public enum OrderStatus
{
    New,
    Accepted,
    PartiallyFilled,
    Filled,
    Canceled,
    Expired,
    Rejected,
}
