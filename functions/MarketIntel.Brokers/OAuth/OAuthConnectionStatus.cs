using MarketIntel.Core.Brokerage;

namespace MarketIntel.Brokers.OAuth;

/// <summary>
/// An OAuth2 connection's status as the lead surfaces it (system event, dashboard): the state, when the access and
/// refresh tokens expire, when the last refresh happened, and a warning sentence when the refresh token expires within
/// the warning window or a person must authorize again. Never carries a token.
/// </summary>
public sealed record OAuthConnectionStatus(
    string Broker,
    string Connection,
    OAuthConnectionState State,
    DateTimeOffset? AccessTokenExpires,
    DateTimeOffset? RefreshTokenExpires,
    DateTimeOffset? LastRefresh,
    string? Warning)
{
    /// <summary>The port's view (<see cref="BrokerTokenStatus"/>): the same facts, the state in the API's snake_case words.</summary>
    public BrokerTokenStatus ToBrokerTokenStatus() => new(
        State switch
        {
            OAuthConnectionState.Connected => BrokerTokenStatus.Connected,
            OAuthConnectionState.RefreshTokenExpiring => BrokerTokenStatus.RefreshTokenExpiring,
            OAuthConnectionState.ReauthorizationRequired => BrokerTokenStatus.ReauthorizationRequired,
            _ => BrokerTokenStatus.NotAuthorized,
        },
        AccessTokenExpires,
        RefreshTokenExpires,
        LastRefresh,
        Warning);
}
