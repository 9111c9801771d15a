namespace MarketIntel.Brokers.OAuth;

/// <summary>
/// Reason codes of OAuth2 connections, in the same lower snake case as <see cref="Core.Brokerage.BrokerReasonCodes"/>
/// (kept here because only OAuth venues produce them).
/// </summary>
public static class OAuthReasonCodes
{
    /// <summary>The venue refused the refresh token (<c>invalid_grant</c>) or it has expired: a person must authorize again.</summary>
    public const string ReauthorizationRequired = "reauthorization_required";

    /// <summary>The token endpoint refused the grant (what a token client reports; the token source turns it into <see cref="ReauthorizationRequired"/>).</summary>
    public const string GrantRefused = "oauth_grant_refused";

    /// <summary>No tokens are stored for the connection yet: nobody has authorized it.</summary>
    public const string NotAuthorized = "not_authorized";
}
