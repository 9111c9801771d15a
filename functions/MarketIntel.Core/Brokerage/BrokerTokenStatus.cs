namespace MarketIntel.Core.Brokerage;

/// <summary>
/// Where an OAuth2 connection's tokens stand, never the tokens: <see cref="State"/> is <c>not_authorized</c>,
/// <c>connected</c>, <c>refresh_token_expiring</c> or <c>reauthorization_required</c>; the expiries; the last refresh; and a
/// sentence for a person when the refresh token expires soon or consent must be given again.
/// </summary>
public sealed record BrokerTokenStatus(string State, DateTimeOffset? AccessTokenExpires, DateTimeOffset? RefreshTokenExpires, DateTimeOffset? LastRefresh, string? Warning)
{
    public const string NotAuthorized = "not_authorized";
    public const string Connected = "connected";
    public const string RefreshTokenExpiring = "refresh_token_expiring";
    public const string ReauthorizationRequired = "reauthorization_required";

    /// <summary>Whether a person must act (consent again, or soon).</summary>
    public bool NeedsAttention => State is NotAuthorized or RefreshTokenExpiring or ReauthorizationRequired;
}
