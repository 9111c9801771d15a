using MarketIntel.Core.Brokerage;
using MarketIntel.Core.Trading;

namespace MarketIntel.Brokers.Tastytrade;

/// <summary>
/// tastytrade's order statuses (its order-flow page: submission, working and terminal phases) in OUR state machine's
/// terms. Submission phase, not yet at an exchange, so New: <c>Received</c>, <c>Routed</c>, <c>In Flight</c>,
/// <c>Contingent</c> (an OTOCO exit or a replacement waiting for its trigger). Working (accepted, or partially filled once
/// anything filled): <c>Live</c>, <c>Cancel Requested</c>, <c>Replace Requested</c>. Terminal: <c>Filled</c>,
/// <c>Cancelled</c>, <c>Expired</c>, <c>Rejected</c> (reason from <c>reject-reason</c>), and <c>Removed</c> /
/// <c>Partially Removed</c>, which we read as canceled by the system (e.g. the other side of an OCO) with reason
/// <c>removed</c>, an assumption the documentation does not spell out. Anything else is a protocol error, never guessed.
/// </summary>
public static class TastytradeStatusMap
{
    public const string Removed = "removed";

    public static IReadOnlyList<string> Known { get; } =
    [
        "Received", "Routed", "In Flight", "Contingent", "Live", "Cancel Requested", "Replace Requested", "Filled", "Cancelled", "Expired", "Rejected", "Removed", "Partially Removed",
    ];

    public static (OrderStatus Status, string? Reason)? ToOurs(string status, double filled)
    {
        var working = filled > 0 ? OrderStatus.PartiallyFilled : OrderStatus.Accepted;
        return status switch
        {
            "Received" or "Routed" or "In Flight" or "Contingent" => (filled > 0 ? OrderStatus.PartiallyFilled : OrderStatus.New, null),
            "Live" or "Cancel Requested" or "Replace Requested" => (working, null),
            "Filled" => (OrderStatus.Filled, null),
            "Cancelled" => (OrderStatus.Canceled, "canceled"),
            "Removed" or "Partially Removed" => (OrderStatus.Canceled, Removed),
            "Expired" => (OrderStatus.Expired, "expired"),
            "Rejected" => (OrderStatus.Rejected, BrokerReasonCodes.VenueRejected),
            _ => null,
        };
    }
}
