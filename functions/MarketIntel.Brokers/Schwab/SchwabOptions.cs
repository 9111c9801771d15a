namespace MarketIntel.Brokers.Schwab;

/// <summary>
/// How to reach one Schwab account through the Trader API. No host binds these yet; the intended section is
/// <c>Brokers:Schwab</c>: <c>ClientId</c> and <c>ClientSecret</c> (the app's key and secret, from the environment or Key
/// Vault), <c>RedirectUri</c> (the callback registered with the app), <c>AccountNumber</c> (the plain number; the adapter
/// looks up its hash), <c>Connection</c> (names the stored tokens: <c>schwab/{connection}/tokens</c>). <c>BaseUrl</c> only
/// to point at something else (the tests' fake): it replaces <c>https://api.schwabapi.com</c> for the API and the token
/// endpoint alike. <see cref="ToString"/> never shows the secret.
/// </summary>
public sealed record SchwabOptions
{
    public string ClientId { get; init; } = "";

    public string ClientSecret { get; init; } = "";

    public Uri? RedirectUri { get; init; }

    public string AccountNumber { get; init; } = "";

    public string Connection { get; init; } = "main";

    public Uri? BaseUrl { get; init; }

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The client-side limit; Schwab's app settings allow at most 120 order-related requests per minute per account.</summary>
    public int MaxRequestsPerMinute { get; init; } = 110;

    public TimeSpan RateWindow { get; init; } = TimeSpan.FromMinutes(1);

    public int MaxRateLimitRetries { get; init; } = 5;

    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Sends of a submit whose outcome was unknown and whose order could not be found at Schwab.</summary>
    public int MaxSubmitAttempts { get; init; } = 3;

    /// <summary>How often the order event stream reads the orders (Schwab's account streamer is not used, see the README).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Warn this long before the refresh token (7 days from the authorization) expires.</summary>
    public TimeSpan RefreshTokenWarning { get; init; } = TimeSpan.FromHours(48);

    public Uri ApiBase => BaseUrl ?? new Uri("https://api.schwabapi.com");

    /// <summary>The first problem as (option name, message), or null.</summary>
    public (string Setting, string Message)? Problem()
    {
        if (string.IsNullOrWhiteSpace(ClientId) || string.IsNullOrWhiteSpace(ClientSecret))
        {
            return (string.IsNullOrWhiteSpace(ClientId) ? nameof(ClientId) : nameof(ClientSecret), "is required (from the environment or Key Vault)");
        }

        if (RedirectUri is null || !RedirectUri.IsAbsoluteUri)
        {
            return (nameof(RedirectUri), "must be the absolute callback URL registered with the Schwab app");
        }

        if (string.IsNullOrWhiteSpace(AccountNumber))
        {
            return (nameof(AccountNumber), "is required");
        }

        return MaxRequestsPerMinute is > 0 and <= 120 ? null : (nameof(MaxRequestsPerMinute), $"{MaxRequestsPerMinute} is not in 1..120 (Schwab's order-request limit per account)");
    }

    public override string ToString() =>
        $"SchwabOptions {{ ApiBase = {ApiBase}, ClientId = {ClientId}, ClientSecret = {(string.IsNullOrEmpty(ClientSecret) ? "(none)" : "***")}, RedirectUri = {RedirectUri}, Connection = {Connection} }}";
}
