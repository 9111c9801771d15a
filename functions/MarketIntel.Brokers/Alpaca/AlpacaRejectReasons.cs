using MarketIntel.Brokers.Shared;
using MarketIntel.Core.Brokerage;

namespace MarketIntel.Brokers.Alpaca;

/// <summary>
/// Alpaca's refusals of an order (HTTP 403 or 422 with <c>{"code": ..., "message": ...}</c>) as our reason codes. Alpaca
/// shares one numeric code between many causes (40310000 for buying power, wash trades and more), so the message is what
/// tells them apart; an unrecognised refusal is <see cref="BrokerReasonCodes.InvalidOrder"/> (422) or
/// <see cref="BrokerReasonCodes.VenueRejected"/> (403), with Alpaca's message kept beside it.
/// </summary>
public static class AlpacaRejectReasons
{
    /// <summary>Message fragments (lower case) and the code each means, first match wins.</summary>
    public static IReadOnlyList<(string Fragment, string Code)> Table { get; } =
    [
        ("client_order_id must be unique", BrokerReasonCodes.DuplicateClientOrderId),
        ("insufficient buying power", BrokerReasonCodes.InsufficientBuyingPower),
        ("insufficient qty", BrokerReasonCodes.InsufficientQuantity),
        ("wash trade", BrokerReasonCodes.WashTrade),
        ("pattern day", BrokerReasonCodes.PatternDayTrader),
        ("cannot be sold short", BrokerReasonCodes.ShortNotAllowed),
        ("not shortable", BrokerReasonCodes.ShortNotAllowed),
        ("not tradable", BrokerReasonCodes.AssetNotTradable),
        ("asset not found", BrokerReasonCodes.AssetNotTradable),
        ("not active", BrokerReasonCodes.AssetNotTradable),
        ("market hours", BrokerReasonCodes.MarketClosed),
        ("market is closed", BrokerReasonCodes.MarketClosed),
        ("account is blocked", BrokerReasonCodes.AccountBlocked),
        ("trading blocked", BrokerReasonCodes.AccountBlocked),
    ];

    public static string Of(int httpStatus, string? message) =>
        VenueJson.ReasonOf(Table, message, httpStatus == 422 ? BrokerReasonCodes.InvalidOrder : BrokerReasonCodes.VenueRejected);
}
