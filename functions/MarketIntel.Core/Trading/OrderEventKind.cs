namespace MarketIntel.Core.Trading;

/// <summary>What can happen to an order; each is one <see cref="OrderEvent"/> and moves the order along <see cref="OrderTransitions"/>.</summary>
public enum OrderEventKind
{
    Accept,
    Reject,
    PartialFill,
    Fill,
    Cancel,
    Expire,
}
