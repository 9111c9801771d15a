namespace MarketIntel.Core.Brokerage;

/// <summary>
/// What a venue reached with OAuth2 tokens (Schwab, tastytrade) adds to <see cref="IBroker"/>: where its tokens stand,
/// so the supervisor can warn before a refresh token expires and wait while a person must act. Never the tokens.
/// </summary>
public interface IBrokerTokens
{
    /// <summary>The tokens' state now (the first call may read the secret store).</summary>
    Task<BrokerTokenStatus> GetTokenStatusAsync(CancellationToken cancellationToken = default);
}
