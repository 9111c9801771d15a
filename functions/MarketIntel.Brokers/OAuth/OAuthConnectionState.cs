namespace MarketIntel.Brokers.OAuth;

/// <summary>Where an OAuth2 broker connection stands, for the system events and the dashboard.</summary>
public enum OAuthConnectionState
{
    /// <summary>No tokens stored: the user has not authorized the connection.</summary>
    NotAuthorized,

    /// <summary>Tokens are valid and refresh on their own.</summary>
    Connected,

    /// <summary>Working, but the refresh token expires within the warning window: the user should authorize again soon.</summary>
    RefreshTokenExpiring,

    /// <summary>The refresh token expired or was refused: nothing works until the user authorizes again.</summary>
    ReauthorizationRequired,
}
