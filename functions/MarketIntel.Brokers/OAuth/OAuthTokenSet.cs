namespace MarketIntel.Brokers.OAuth;

/// <summary>
/// One connection's tokens as persisted (JSON through <see cref="Core.Brokerage.IBrokerSecretStore"/>): the access token and its
/// expiry, the refresh token and its expiry when the venue has one (Schwab: about 7 days from the authorization;
/// tastytrade: none), when the user authorized, when the last refresh happened, and whether the venue refused the
/// refresh token (then a person must authorize again). <see cref="ToString"/> never shows a token.
/// </summary>
public sealed record OAuthTokenSet(
    string AccessToken,
    DateTimeOffset AccessTokenExpires,
    string RefreshToken,
    DateTimeOffset? RefreshTokenExpires,
    DateTimeOffset AuthorizedAt,
    DateTimeOffset? LastRefresh = null,
    bool ReauthorizationRequired = false)
{
    public override string ToString() =>
        $"OAuthTokenSet {{ AccessToken = ***, AccessTokenExpires = {AccessTokenExpires:o}, RefreshToken = ***, RefreshTokenExpires = {RefreshTokenExpires:o}, AuthorizedAt = {AuthorizedAt:o}, LastRefresh = {LastRefresh:o}, ReauthorizationRequired = {ReauthorizationRequired} }}";
}
