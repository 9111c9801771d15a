using MarketIntel.Core.Trading;

namespace MarketIntel.Core.Brokerage;

/// <summary>
/// One change of an order at the venue. <see cref="Transition"/> is the step of OUR state machine it makes (accept,
/// partial fill with its quantity and price, fill, cancel, expire, reject), or null for a venue event that moves no state
/// (<c>pending_new</c>, <c>done_for_day</c>...). <see cref="Error"/> is set, and <see cref="Transition"/> null, when the
/// venue reports a move our machine does not allow (a fill after a cancel): the event is surfaced, never applied.
/// </summary>
public sealed record BrokerOrderEvent(string ClientOrderId, string VenueEvent, DateTime Time, BrokerOrder Order, OrderEvent? Transition, string? Error = null)
{
    public bool IsError => Error is not null;
}
