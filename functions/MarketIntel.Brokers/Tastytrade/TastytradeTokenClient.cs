using System.Text.Json;
using MarketIntel.Brokers.OAuth;
using MarketIntel.Brokers.Shared;

namespace MarketIntel.Brokers.Tastytrade;

/// <summary>
/// tastytrade's refresh: <c>POST /oauth/token</c> with a JSON body <c>{"grant_type": "refresh_token", "client_secret", "refresh_token"}</c>
/// and no Authorization header. The access token lasts 15 minutes (<c>expires_in</c> 900); the refresh token does not expire.
/// </summary>
public sealed class TastytradeTokenClient(VenueHttpPipeline pipeline, TastytradeOptions options) : IOAuthTokenClient
{
    public const string Broker = "tastytrade";

    private static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromMinutes(15);

    public async Task<OAuthTokenGrant> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_secret"] = options.ClientSecret,
            ["refresh_token"] = refreshToken,
        });
        using var response = await pipeline.SendAsync(HttpMethod.Post, new Uri(options.ApiBase, "/oauth/token"), body,
            request => request.Headers.UserAgent.ParseAdd(options.UserAgent), cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return OAuthTokenResponse.Read(Broker, (int)response.StatusCode, text, AccessTokenLifetime);
    }
}
