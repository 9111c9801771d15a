using System.Net.Http.Headers;
using System.Text;
using MarketIntel.Brokers.OAuth;
using MarketIntel.Brokers.Shared;

namespace MarketIntel.Brokers.Schwab;

/// <summary>
/// Schwab's OAuth2 authorization-code flow: the authorize URL a user opens (<c>/v1/oauth/authorize</c> with the client
/// id and the registered redirect URI), the exchange of the returned code, and refreshes, all at
/// <c>POST /v1/oauth/token</c> with a form body and HTTP Basic client authentication (client id : secret). Schwab's access
/// token lasts 30 minutes (its <c>expires_in</c> is 1800) and its refresh token about 7 days from the authorization,
/// after which a person must authorize again.
/// </summary>
public sealed class SchwabTokenClient(VenueHttpPipeline pipeline, SchwabOptions options) : IOAuthTokenClient
{
    public const string Broker = "schwab";

    /// <summary>The refresh token's lifetime: Schwab does not send it, its documentation says 7 days.</summary>
    public static TimeSpan RefreshTokenLifetime { get; } = TimeSpan.FromDays(7);

    private static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromMinutes(30);

    /// <summary>The URL to send the user to; <paramref name="state"/> comes back with the code, so the caller can match the two.</summary>
    public Uri AuthorizeUrl(string state)
    {
        ArgumentException.ThrowIfNullOrEmpty(state);
        var query = $"client_id={Uri.EscapeDataString(options.ClientId)}&redirect_uri={Uri.EscapeDataString(options.RedirectUri!.ToString())}&response_type=code&state={Uri.EscapeDataString(state)}";
        return new Uri(options.ApiBase, "/v1/oauth/authorize?" + query);
    }

    /// <summary>Exchanges the code from the redirect for the first token set (store it with <see cref="OAuthTokenSource.StoreAuthorizationAsync"/>).</summary>
    public Task<OAuthTokenGrant> ExchangeCodeAsync(string code, CancellationToken cancellationToken) =>
        TokenAsync([new("grant_type", "authorization_code"), new("code", code), new("redirect_uri", options.RedirectUri!.ToString())], cancellationToken);

    public Task<OAuthTokenGrant> RefreshAsync(string refreshToken, CancellationToken cancellationToken) =>
        TokenAsync([new("grant_type", "refresh_token"), new("refresh_token", refreshToken)], cancellationToken);

    private async Task<OAuthTokenGrant> TokenAsync(KeyValuePair<string, string>[] form, CancellationToken cancellationToken)
    {
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.ClientId}:{options.ClientSecret}"));
        using var response = await pipeline.SendAsync(HttpMethod.Post, new Uri(options.ApiBase, "/v1/oauth/token"), () => new FormUrlEncodedContent(form),
            request => request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic), cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return OAuthTokenResponse.Read(Broker, (int)response.StatusCode, body, AccessTokenLifetime);
    }
}
