using MarketIntel.Brokers.Shared;
using MarketIntel.Core.Brokerage;

namespace MarketIntel.Brokers.Tastytrade;

/// <summary>
/// tastytrade's refusals as our reason codes: an error body <c>{"error": {"code", "message", "errors": [{"code", "message"}]}}</c>
/// (a failed dry run or submit, usually 422 <c>preflight_check_failure</c>), a warning of a dry run, or an order's
/// <c>reject-reason</c>. The code and message of each item are matched by fragment (the specific codes are assumptions
/// from public examples); an unrecognised refusal is <see cref="BrokerReasonCodes.VenueRejected"/> with tastytrade's text kept.
/// </summary>
public static class TastytradeRejectReasons
{
    public static IReadOnlyList<(string Fragment, string Code)> Table { get; } =
    [
        ("buying_power", BrokerReasonCodes.InsufficientBuyingPower),
        ("buying power", BrokerReasonCodes.InsufficientBuyingPower),
        ("insufficient_funds", BrokerReasonCodes.InsufficientBuyingPower),
        ("margin_check_failed", BrokerReasonCodes.InsufficientBuyingPower),
        ("pattern_day", BrokerReasonCodes.PatternDayTrader),
        ("day trad", BrokerReasonCodes.PatternDayTrader),
        ("not_shortable", BrokerReasonCodes.ShortNotAllowed),
        ("shortable", BrokerReasonCodes.ShortNotAllowed),
        ("short sale", BrokerReasonCodes.ShortNotAllowed),
        ("closing_only", BrokerReasonCodes.AccountBlocked),
        ("closing only", BrokerReasonCodes.AccountBlocked),
        ("market_closed", BrokerReasonCodes.MarketClosed),
        ("market is closed", BrokerReasonCodes.MarketClosed),
        ("not_tradeable", BrokerReasonCodes.AssetNotTradable),
        ("invalid_symbol", BrokerReasonCodes.AssetNotTradable),
        ("wash", BrokerReasonCodes.WashTrade),
    ];

    public static string Of(string? codeAndMessage) => VenueJson.ReasonOf(Table, codeAndMessage, BrokerReasonCodes.VenueRejected);
}
