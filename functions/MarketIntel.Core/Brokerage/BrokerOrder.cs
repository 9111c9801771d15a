using MarketIntel.Core.Trading;

namespace MarketIntel.Core.Brokerage;

/// <summary>
/// An order as a venue reports it, in our terms: our client order id, the venue's own id, OUR status (mapped from
/// <see cref="VenueStatus"/>, the venue's word, kept for the blotter and for diagnosis), fills so far and, for a
/// bracket, its legs. <see cref="Reason"/> is a reason code for a rejection, cancel or expiry.
/// </summary>
public sealed record BrokerOrder(
    string ClientOrderId,
    string? VenueOrderId,
    string Symbol,
    OrderSide Side,
    OrderType Type,
    double Quantity,
    double? LimitPrice,
    double? StopPrice,
    TimeInForce TimeInForce,
    OrderStatus Status,
    string VenueStatus,
    double FilledQuantity,
    double? AveragePrice,
    DateTime Created,
    DateTime Updated,
    string? Reason = null,
    string? ReplacedByVenueOrderId = null,
    IReadOnlyList<BrokerOrder>? Legs = null)
{
    public bool IsWorking => OrderTransitions.IsWorking(Status);
}
