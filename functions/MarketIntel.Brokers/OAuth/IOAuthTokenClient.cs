namespace MarketIntel.Brokers.OAuth;

/// <summary>
/// A venue's refresh call (<c>grant_type=refresh_token</c> at its token endpoint, with its own client authentication).
/// A refusal of the refresh token itself (<c>invalid_grant</c>) is a <see cref="Core.Brokerage.BrokerException"/> with reason
/// <see cref="OAuthReasonCodes.GrantRefused"/>; anything else (timeout, 5xx) is a transient failure of kind Unavailable.
/// </summary>
public interface IOAuthTokenClient
{
    Task<OAuthTokenGrant> RefreshAsync(string refreshToken, CancellationToken cancellationToken);
}
