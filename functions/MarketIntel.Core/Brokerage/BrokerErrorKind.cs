namespace MarketIntel.Core.Brokerage;

/// <summary>Why a broker call failed, which decides what the caller may do next.</summary>
public enum BrokerErrorKind
{
    /// <summary>Refused before sending: the venue cannot take this order (a capability is missing). Nothing was sent.</summary>
    Refused,

    /// <summary>The venue does not know the order.</summary>
    NotFound,

    /// <summary>The order's state does not allow the request (cancel of a filled order).</summary>
    Conflict,

    /// <summary>Credentials were refused or lack a permission.</summary>
    Unauthorized,

    /// <summary>The venue kept answering 429 after the allowed waits.</summary>
    RateLimited,

    /// <summary>The venue could not be reached or failed (5xx, timeout); for a submit the adapter has already resolved the outcome or says so.</summary>
    Unavailable,

    /// <summary>The venue answered something this adapter cannot read (a field missing or of the wrong kind).</summary>
    Protocol,
}
