using MarketIntel.Core.Brokerage;
using MarketIntel.Core.Trading;

namespace MarketIntel.Brokers.Schwab;

/// <summary>
/// Schwab's order statuses (the Trader API's <c>status</c> enumeration) in OUR state machine's terms. Not yet working at
/// the market, so New: <c>NEW</c>, <c>AWAITING_PARENT_ORDER</c> (a bracket exit or a reversal's opening order waiting on
/// its trigger), <c>AWAITING_CONDITION</c>, <c>AWAITING_MANUAL_REVIEW</c>, <c>AWAITING_UR_OUT</c>, <c>AWAITING_RELEASE_TIME</c>,
/// <c>PENDING_ACTIVATION</c>, <c>PENDING_ACKNOWLEDGEMENT</c>. Working (accepted, or partially filled once anything filled;
/// Schwab has no partial-fill status): <c>ACCEPTED</c>, <c>QUEUED</c>, <c>WORKING</c>, <c>AWAITING_STOP_CONDITION</c> (a
/// stop waiting for its price), <c>PENDING_CANCEL</c>, <c>PENDING_REPLACE</c>, <c>PENDING_RECALL</c>. Terminal: <c>FILLED</c>,
/// <c>CANCELED</c>, <c>REPLACED</c> (canceled with reason <see cref="BrokerReasonCodes.Replaced"/>), <c>EXPIRED</c>,
/// <c>REJECTED</c>. <c>UNKNOWN</c>, and anything not listed, is a protocol error, never guessed.
/// </summary>
public static class SchwabStatusMap
{
    /// <summary>Every status the Trader API documents, UNKNOWN included.</summary>
    public static IReadOnlyList<string> Known { get; } =
    [
        "AWAITING_PARENT_ORDER", "AWAITING_CONDITION", "AWAITING_STOP_CONDITION", "AWAITING_MANUAL_REVIEW", "ACCEPTED", "AWAITING_UR_OUT", "PENDING_ACTIVATION",
        "QUEUED", "WORKING", "REJECTED", "PENDING_CANCEL", "CANCELED", "PENDING_REPLACE", "REPLACED", "FILLED", "EXPIRED", "NEW", "AWAITING_RELEASE_TIME",
        "PENDING_ACKNOWLEDGEMENT", "PENDING_RECALL", "UNKNOWN",
    ];

    /// <summary>Our status for a Schwab status given the cumulative filled quantity; null for UNKNOWN or an unlisted status.</summary>
    public static (OrderStatus Status, string? Reason)? ToOurs(string status, double filled)
    {
        var working = filled > 0 ? OrderStatus.PartiallyFilled : OrderStatus.Accepted;
        return status switch
        {
            "NEW" or "AWAITING_PARENT_ORDER" or "AWAITING_CONDITION" or "AWAITING_MANUAL_REVIEW" or "AWAITING_UR_OUT" or "AWAITING_RELEASE_TIME"
                or "PENDING_ACTIVATION" or "PENDING_ACKNOWLEDGEMENT" => (filled > 0 ? OrderStatus.PartiallyFilled : OrderStatus.New, null),
            "ACCEPTED" or "QUEUED" or "WORKING" or "AWAITING_STOP_CONDITION" or "PENDING_CANCEL" or "PENDING_REPLACE" or "PENDING_RECALL" => (working, null),
            "FILLED" => (OrderStatus.Filled, null),
            "CANCELED" => (OrderStatus.Canceled, "canceled"),
            "REPLACED" => (OrderStatus.Canceled, BrokerReasonCodes.Replaced),
            "EXPIRED" => (OrderStatus.Expired, "expired"),
            "REJECTED" => (OrderStatus.Rejected, BrokerReasonCodes.VenueRejected),
            _ => null,
        };
    }
}
