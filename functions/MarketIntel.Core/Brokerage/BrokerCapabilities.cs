using System.Globalization;
using MarketIntel.Core.Trading;

namespace MarketIntel.Core.Brokerage;

/// <summary>
/// What a venue can take, as a table the pre-send check (<see cref="Refusal"/>) consults: an order outside it is refused
/// before anything is sent, naming the capability, instead of being rejected (or worse, half-done) at the venue.
/// <see cref="ReversalInOneOrder"/> false means a sell larger than a long position (or a buy larger than a short) must be
/// sent as close-then-open by the caller; <see cref="MaxRequestsPerMinute"/> is the venue's published rate limit, which
/// the adapter's client-side limiter keeps under.
/// </summary>
public sealed record BrokerCapabilities(
    string Broker,
    IReadOnlySet<OrderType> OrderTypes,
    IReadOnlySet<TimeInForce> TimesInForce,
    bool Brackets,
    IReadOnlySet<TimeInForce> BracketTimesInForce,
    bool Fractional,
    bool ShortSelling,
    bool ReversalInOneOrder,
    bool Replace,
    int? MaxRequestsPerMinute,
    int MaxClientOrderIdLength)
{
    /// <summary>
    /// The first capability the request needs and the venue lacks, as (reason code, message), or null when it can be sent.
    /// <paramref name="position"/> is the account's current signed position in the symbol (shorts and reversals depend on it).
    /// </summary>
    public (string Code, string Message)? Refusal(BrokerOrderRequest request, double position)
    {
        ArgumentNullException.ThrowIfNull(request);
        var order = request.Order;
        if (string.IsNullOrEmpty(order.ClientOrderId) || order.ClientOrderId.Length > MaxClientOrderIdLength)
        {
            return (BrokerReasonCodes.ClientOrderIdTooLong, $"client order id must be 1 to {MaxClientOrderIdLength} characters, got {order.ClientOrderId?.Length ?? 0}");
        }

        if (!OrderTypes.Contains(order.Type))
        {
            return (BrokerReasonCodes.UnsupportedOrderType, $"{Broker} does not take {order.Type} orders");
        }

        if (!TimesInForce.Contains(order.TimeInForce))
        {
            return (BrokerReasonCodes.UnsupportedTimeInForce, $"{Broker} does not take time in force {order.TimeInForce}");
        }

        if (request.Bracket is not null)
        {
            if (!Brackets)
            {
                return (BrokerReasonCodes.BracketsUnsupported, $"{Broker} does not take bracket orders");
            }

            if (!BracketTimesInForce.Contains(order.TimeInForce))
            {
                return (BrokerReasonCodes.BracketTimeInForce, $"{Broker} takes brackets only with time in force {string.Join(" or ", BracketTimesInForce)}");
            }
        }

        if (order.Quantity != Math.Floor(order.Quantity) && !Fractional)
        {
            return (BrokerReasonCodes.FractionalUnsupported, $"{Broker} does not take fractional quantities ({order.Quantity.ToString(CultureInfo.InvariantCulture)})");
        }

        var after = position + (order.Side == OrderSide.Buy ? order.Quantity : -order.Quantity);
        if (after < 0 && position <= 0 && !ShortSelling)
        {
            return (BrokerReasonCodes.ShortSellingUnsupported, $"{Broker} does not sell short");
        }

        // A reversal: the order crosses zero, closing the position and opening the other side in one order.
        if (position != 0 && after != 0 && Math.Sign(after) != Math.Sign(position))
        {
            if (!ReversalInOneOrder)
            {
                return (BrokerReasonCodes.ReversalUnsupported, $"{Broker} cannot reverse a position of {position.ToString(CultureInfo.InvariantCulture)} in one order; send close-then-open");
            }

            if (after < 0 && !ShortSelling)
            {
                return (BrokerReasonCodes.ShortSellingUnsupported, $"{Broker} does not sell short");
            }
        }

        return null;
    }

    /// <summary>Throws <see cref="BrokerException"/> (<see cref="BrokerErrorKind.Refused"/>) when <see cref="Refusal"/> finds a missing capability.</summary>
    public void EnsureCanSend(BrokerOrderRequest request, double position)
    {
        if (Refusal(request, position) is { } refusal)
        {
            throw new BrokerException(Broker, BrokerErrorKind.Refused, refusal.Code, refusal.Message);
        }
    }

    /// <summary>Throws <see cref="BrokerException"/> when the venue cannot replace orders.</summary>
    public void EnsureCanReplace()
    {
        if (!Replace)
        {
            throw new BrokerException(Broker, BrokerErrorKind.Refused, BrokerReasonCodes.ReplaceUnsupported, $"{Broker} cannot replace an order; cancel it and submit a new one");
        }
    }
}
