using MarketIntel.Core.Brokerage;
using MarketIntel.Core.Trading;

namespace MarketIntel.Brokers.Shared;

/// <summary>
/// The rule of venues that reverse a position as one contingent order (close, then open when the close fills): which
/// orders are reversals, and the refusal of a reversal with a bracket, whose exits would hang off the close, not the open.
/// </summary>
public static class ContingentReversal
{
    /// <summary>Whether <paramref name="order"/> crosses zero from <paramref name="position"/> (closes it and opens the other side).</summary>
    public static bool Reverses(OrderRequest order, double position)
    {
        ArgumentNullException.ThrowIfNull(order);
        var after = position + (order.Side == OrderSide.Buy ? order.Quantity : -order.Quantity);
        return position != 0 && after != 0 && Math.Sign(after) != Math.Sign(position);
    }

    /// <summary>The venue's capability refusal, else the refusal of a bracket that reverses, else null.</summary>
    public static (string Code, string Message)? Refusal(BrokerCapabilities capabilities, BrokerOrderRequest request, double position)
    {
        ArgumentNullException.ThrowIfNull(capabilities);
        ArgumentNullException.ThrowIfNull(request);
        if (capabilities.Refusal(request, position) is { } refusal)
        {
            return refusal;
        }

        return request.Bracket is not null && Reverses(request.Order, position)
            ? (BrokerReasonCodes.InvalidRequest, $"{capabilities.Broker} cannot reverse a position with a bracket; close first, then send the bracket")
            : null;
    }
}
