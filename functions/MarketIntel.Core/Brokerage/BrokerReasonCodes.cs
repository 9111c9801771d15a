namespace MarketIntel.Core.Brokerage;

/// <summary>
/// The reason codes of broker refusals, rejections and errors, in the same lower snake case as the risk rules
/// (<see cref="Trading.RiskRules"/>), so a blotter shows one vocabulary whoever said no.
/// </summary>
public static class BrokerReasonCodes
{
    // Refused before sending: the capability the venue lacks.
    public const string UnsupportedOrderType = "unsupported_order_type";
    public const string UnsupportedTimeInForce = "unsupported_time_in_force";
    public const string BracketsUnsupported = "brackets_unsupported";
    public const string BracketTimeInForce = "bracket_time_in_force";
    public const string FractionalUnsupported = "fractional_unsupported";
    public const string ShortSellingUnsupported = "short_selling_unsupported";
    public const string ReversalUnsupported = "reversal_in_one_order_unsupported";
    public const string ReplaceUnsupported = "replace_unsupported";
    public const string ClientOrderIdTooLong = "client_order_id_too_long";
    public const string InvalidRequest = "invalid_request";

    // Rejected by the venue.
    public const string InsufficientBuyingPower = "insufficient_buying_power";
    public const string InsufficientQuantity = "insufficient_quantity";
    public const string DuplicateClientOrderId = "duplicate_client_order_id";
    public const string AssetNotTradable = "asset_not_tradable";
    public const string ShortNotAllowed = "short_not_allowed";
    public const string WashTrade = "wash_trade";
    public const string PatternDayTrader = "pattern_day_trader";
    public const string MarketClosed = "market_closed";
    public const string InvalidOrder = "invalid_order";
    public const string AccountBlocked = "account_blocked";
    public const string VenueRejected = "venue_rejected";

    // Replaced by another order: our state machine has no Replaced state, so the old order ends as canceled with this reason.
    public const string Replaced = "replaced";

    // Errors of a call.
    public const string OrderNotFound = "order_not_found";
    public const string NotCancelable = "not_cancelable";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string RateLimited = "rate_limited";
    public const string Unavailable = "broker_unavailable";
    public const string UnknownOutcome = "unknown_outcome";
    public const string ProtocolError = "protocol_error";

    // A venue's status sequence our order state machine does not allow.
    public const string IllegalTransition = "illegal_transition";
}
