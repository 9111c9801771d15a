namespace MarketIntel.Brokers.Tastytrade;

/// <summary>
/// How to reach one tastytrade account. No host binds these yet; the intended section is <c>Brokers:Tastytrade</c>:
/// <c>ClientSecret</c> (the OAuth application's secret, from the environment or Key Vault), <c>AccountNumber</c>,
/// <c>Environment</c> <c>sandbox</c> (the default: the certification sandbox <c>https://api.cert.tastyworks.com</c>) or
/// <c>production</c> (<c>https://api.tastyworks.com</c>, chosen explicitly), <c>Connection</c> (names the stored tokens:
/// <c>tastytrade/{connection}/tokens</c>), <c>UserAgent</c> (tastytrade asks every request to carry <c>product/version</c>).
/// The first refresh token (made on tastytrade's site: OAuth Applications, Manage, Create Grant) is handed to
/// <see cref="TastytradeBroker.ConnectAsync"/> once and then lives in the secret store. <c>BaseUrl</c> only to point at
/// something else (the tests' fake). <see cref="ToString"/> never shows the secret.
/// </summary>
public sealed record TastytradeOptions
{
    public const string Sandbox = "sandbox";
    public const string Production = "production";

    public string ClientSecret { get; init; } = "";

    public string AccountNumber { get; init; } = "";

    public string Environment { get; init; } = Sandbox;

    public string Connection { get; init; } = "main";

    public string UserAgent { get; init; } = "marketintel/1.0";

    public Uri? BaseUrl { get; init; }

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The client-side limit. tastytrade publishes no number ("reasonable thresholds"), so this is our own choice.</summary>
    public int MaxRequestsPerMinute { get; init; } = 120;

    public TimeSpan RateWindow { get; init; } = TimeSpan.FromMinutes(1);

    public int MaxRateLimitRetries { get; init; } = 5;

    /// <summary>tastytrade's 429s carry no Retry-After, so they are waited out exponentially from this.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    public int MaxSubmitAttempts { get; init; } = 3;

    /// <summary>How often the order event stream reads the orders (the account streamer is not used, see the README).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    public Uri ApiBase => BaseUrl ?? new Uri(Environment == Production ? "https://api.tastyworks.com" : "https://api.cert.tastyworks.com");

    public (string Setting, string Message)? Problem()
    {
        if (string.IsNullOrWhiteSpace(ClientSecret))
        {
            return (nameof(ClientSecret), "is required (from the environment or Key Vault)");
        }

        if (string.IsNullOrWhiteSpace(AccountNumber))
        {
            return (nameof(AccountNumber), "is required");
        }

        if (Environment is not (Sandbox or Production))
        {
            return (nameof(Environment), $"'{Environment}' is not '{Sandbox}' or '{Production}'");
        }

        return MaxRequestsPerMinute > 0 ? null : (nameof(MaxRequestsPerMinute), "must be positive");
    }

    public override string ToString() =>
        $"TastytradeOptions {{ Environment = {Environment}, ApiBase = {ApiBase}, AccountNumber = {AccountNumber}, ClientSecret = {(string.IsNullOrEmpty(ClientSecret) ? "(none)" : "***")}, Connection = {Connection} }}";
}
