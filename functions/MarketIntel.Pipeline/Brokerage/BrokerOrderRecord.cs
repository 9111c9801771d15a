using MarketIntel.Core.Brokerage;
using MarketIntel.Core.Trading;

namespace MarketIntel.Pipeline.Brokerage;

/// <summary>
/// An order sent to a broker connection as the journal keeps it (<see cref="Core.Storage.RecordKinds.BrokerOrder"/>):
/// what was asked (<see cref="Entry"/>, the bracket's <see cref="StopLoss"/>/<see cref="TakeProfit"/>), by whom and why
/// (<see cref="Origin"/>, <see cref="Cause"/>), and what the venue last said (<see cref="Venue"/>, null while only the
/// intent is recorded). <see cref="Status"/> is OUR state machine's. A reversal a venue cannot take in one order is sent
/// as a contingent pair: the closing order names the opening one in <see cref="Then"/> (sent once the close has filled)
/// and the opening one names the closing one in <see cref="After"/>.
/// </summary>
public sealed record BrokerOrderRecord(
    string Connection,
    OrderRequest Entry,
    double? StopLoss,
    double? TakeProfit,
    string Origin,
    string? Cause,
    OrderStatus Status,
    string? Reason,
    BrokerOrder? Venue,
    DateTime Created,
    DateTime Updated,
    string? Then = null,
    string? After = null)
{
    public string ClientOrderId => Entry.ClientOrderId;

    /// <summary>The request as the broker port takes it.</summary>
    public BrokerOrderRequest ToRequest() =>
        StopLoss is { } stop && TakeProfit is { } target ? BrokerOrderRequest.WithBracket(new BracketRequest(Entry, stop, target)) : BrokerOrderRequest.Simple(Entry);

    /// <summary>The signed quantity this order (and its legs) has filled per symbol, as the venue last reported it.</summary>
    public IEnumerable<(string Symbol, double Quantity)> SignedFills()
    {
        if (Venue is null)
        {
            yield break;
        }

        foreach (var order in (IEnumerable<BrokerOrder>)[Venue, .. Venue.Legs ?? []])
        {
            if (order.FilledQuantity > 0)
            {
                yield return (order.Symbol, order.Side == OrderSide.Buy ? order.FilledQuantity : -order.FilledQuantity);
            }
        }
    }
}
