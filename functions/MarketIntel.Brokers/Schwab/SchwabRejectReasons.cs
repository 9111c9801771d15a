using MarketIntel.Brokers.Shared;
using MarketIntel.Core.Brokerage;

namespace MarketIntel.Brokers.Schwab;

/// <summary>
/// Schwab's refusals as our reason codes: the <c>message</c> of a 400/403 answer to a submit, the <c>statusDescription</c>
/// of a REJECTED order and the <c>activityMessage</c> of a preview's rejects are free text without codes, so fragments
/// decide (assumed from the wording seen in public examples, e.g. "You do not have enough available cash/buying power for
/// this order."); an unrecognised refusal is <see cref="BrokerReasonCodes.VenueRejected"/>, with Schwab's text kept.
/// </summary>
public static class SchwabRejectReasons
{
    public static IReadOnlyList<(string Fragment, string Code)> Table { get; } =
    [
        ("buying power", BrokerReasonCodes.InsufficientBuyingPower),
        ("available cash", BrokerReasonCodes.InsufficientBuyingPower),
        ("insufficient funds", BrokerReasonCodes.InsufficientBuyingPower),
        ("pattern day", BrokerReasonCodes.PatternDayTrader),
        ("day trad", BrokerReasonCodes.PatternDayTrader),
        ("not available to short", BrokerReasonCodes.ShortNotAllowed),
        ("not shortable", BrokerReasonCodes.ShortNotAllowed),
        ("short sale", BrokerReasonCodes.ShortNotAllowed),
        ("exceeds the quantity", BrokerReasonCodes.InsufficientQuantity),
        ("insufficient shares", BrokerReasonCodes.InsufficientQuantity),
        ("wash", BrokerReasonCodes.WashTrade),
        ("market is closed", BrokerReasonCodes.MarketClosed),
        ("not tradable", BrokerReasonCodes.AssetNotTradable),
        ("symbol is not valid", BrokerReasonCodes.AssetNotTradable),
        ("restricted", BrokerReasonCodes.AccountBlocked),
        ("closing only", BrokerReasonCodes.AccountBlocked),
    ];

    public static string Of(string? message) => VenueJson.ReasonOf(Table, message, BrokerReasonCodes.VenueRejected);
}
