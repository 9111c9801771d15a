namespace MarketIntel.Brokers.OAuth;

/// <summary>
/// How a token source refreshes: <see cref="RefreshMargin"/> before the access token expires (so no request carries a token
/// about to lapse), a warning once the refresh token has less than <see cref="RefreshTokenWarning"/> left (default 48 h), and
/// <see cref="RefreshTokenLifetime"/>, the venue's refresh-token lifetime when its token endpoint does not say (Schwab: 7 days
/// from the authorization; null: the refresh token does not expire, tastytrade).
/// </summary>
public sealed record OAuthTokenOptions
{
    public TimeSpan RefreshMargin { get; init; } = TimeSpan.FromMinutes(2);

    public TimeSpan RefreshTokenWarning { get; init; } = TimeSpan.FromHours(48);

    public TimeSpan? RefreshTokenLifetime { get; init; }
}
