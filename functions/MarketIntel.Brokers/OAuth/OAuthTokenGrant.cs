namespace MarketIntel.Brokers.OAuth;

/// <summary>
/// What a venue's token endpoint answered (RFC 6749 section 5.1): the access token and its lifetime, and a refresh token
/// when it sent one (a new one means the old is rotated out) with its lifetime when it says. <see cref="ToString"/> hides the tokens.
/// </summary>
public sealed record OAuthTokenGrant(string AccessToken, TimeSpan ExpiresIn, string? RefreshToken, TimeSpan? RefreshTokenExpiresIn = null)
{
    public override string ToString() =>
        $"OAuthTokenGrant {{ AccessToken = ***, ExpiresIn = {ExpiresIn}, RefreshToken = {(RefreshToken is null ? "(none)" : "***")}, RefreshTokenExpiresIn = {RefreshTokenExpiresIn} }}";
}
