using MarketIntel.Core.Brokerage;
using MarketIntel.Core.Trading;

namespace MarketIntel.Brokers.Alpaca;

/// <summary>
/// Alpaca's order statuses (and the trade_updates event names, which share most of the words) in OUR state machine's
/// terms. Statuses that move nothing for us keep the order where its fills put it: <c>pending_new</c> and <c>held</c> (a
/// bracket leg waiting on its entry) are not yet accepted; <c>pending_cancel</c>, <c>pending_replace</c>,
/// <c>done_for_day</c>, <c>stopped</c>, <c>suspended</c> and <c>calculated</c> are still working (accepted, or partially
/// filled once anything filled; <c>calculated</c> with everything filled is filled). Our machine has no Replaced state:
/// a <c>replaced</c> order ends as canceled with reason <see cref="BrokerReasonCodes.Replaced"/>, and the replacing order
/// is a new order of its own. An unknown status is a protocol error, never guessed.
/// </summary>
public static class AlpacaStatusMap
{
    /// <summary>Every status named in Alpaca's order lifecycle documentation.</summary>
    public static IReadOnlyList<string> Known { get; } =
    [
        "new", "accepted", "pending_new", "accepted_for_bidding", "held", "partially_filled", "filled", "done_for_day", "canceled", "expired", "replaced",
        "pending_cancel", "pending_replace", "rejected", "stopped", "suspended", "calculated",
    ];

    /// <summary>Our status for an Alpaca status, given the order's quantity and cumulative filled quantity; null for an unknown status.</summary>
    public static (OrderStatus Status, string? Reason)? ToOurs(string status, double quantity, double filled)
    {
        var working = filled > 0 ? OrderStatus.PartiallyFilled : OrderStatus.Accepted;
        return status switch
        {
            "pending_new" or "held" => (OrderStatus.New, null),
            "new" or "accepted" or "accepted_for_bidding" => (working, null),
            "partially_filled" => (OrderStatus.PartiallyFilled, null),
            "filled" => (OrderStatus.Filled, null),
            "pending_cancel" or "pending_replace" or "done_for_day" or "stopped" or "suspended" => (working, null),
            "calculated" => (filled > 0 && filled >= quantity ? OrderStatus.Filled : working, null),
            "canceled" => (OrderStatus.Canceled, "canceled"),
            "expired" => (OrderStatus.Expired, "expired"),
            "replaced" => (OrderStatus.Canceled, BrokerReasonCodes.Replaced),
            "rejected" => (OrderStatus.Rejected, BrokerReasonCodes.VenueRejected),
            _ => null,
        };
    }

    /// <summary>The trade_updates events that report a state the order already had or a request's refusal: passed on once even when nothing moves.</summary>
    public static bool IsInformational(string venueEvent) =>
        venueEvent is "pending_new" or "pending_cancel" or "pending_replace" or "done_for_day" or "calculated" or "stopped" or "suspended" or "held"
            or "order_cancel_rejected" or "order_replace_rejected";
}
