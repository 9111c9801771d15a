namespace MarketIntel.Brokers.Alpaca;

/// <summary>
/// How to reach one Alpaca account. No host binds these yet; the intended section is <c>Brokers:Alpaca</c> (environment
/// variables <c>Brokers__Alpaca__KeyId</c>...): <c>KeyId</c> and <c>SecretKey</c> from the environment or Key Vault, never the repository;
/// <c>Environment</c> <c>paper</c> (the default) or <c>live</c>, which picks the documented endpoints; <c>BaseUrl</c> and
/// <c>StreamUrl</c> only to point at something else (the tests' fake server). <see cref="ToString"/> never shows the
/// credentials, so options can be logged.
/// </summary>
public sealed record AlpacaOptions
{
    public const string Paper = "paper";
    public const string Live = "live";

    public string KeyId { get; init; } = "";

    public string SecretKey { get; init; } = "";

    /// <summary><c>paper</c> or <c>live</c>; live must be chosen explicitly.</summary>
    public string Environment { get; init; } = Paper;

    public Uri? BaseUrl { get; init; }

    public Uri? StreamUrl { get; init; }

    /// <summary>How long one HTTP attempt may take before its outcome counts as unknown.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The client-side limit, kept under Alpaca's published 200 requests per minute per account.</summary>
    public int MaxRequestsPerMinute { get; init; } = 190;

    /// <summary>The limiter's window (a minute; shorter only in tests).</summary>
    public TimeSpan RateWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Waits after a 429 (Retry-After when sent, else the rate-limit reset header, else exponential from <see cref="RetryBaseDelay"/>).</summary>
    public int MaxRateLimitRetries { get; init; } = 5;

    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Attempts of a submit whose outcome was unknown and whose order the venue did not have.</summary>
    public int MaxSubmitAttempts { get; init; } = 3;

    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(30);

    public Uri RestBase => BaseUrl ?? new Uri(IsLive ? "https://api.alpaca.markets" : "https://paper-api.alpaca.markets");

    public Uri StreamBase => StreamUrl ?? new Uri(IsLive ? "wss://api.alpaca.markets/stream" : "wss://paper-api.alpaca.markets/stream");

    public bool IsLive => Environment == Live;

    /// <summary>The first problem as (option name, message), or null.</summary>
    public (string Setting, string Message)? Problem()
    {
        if (string.IsNullOrWhiteSpace(KeyId) || string.IsNullOrWhiteSpace(SecretKey))
        {
            return (string.IsNullOrWhiteSpace(KeyId) ? nameof(KeyId) : nameof(SecretKey), "is required (from the environment or Key Vault)");
        }

        if (Environment is not (Paper or Live))
        {
            return (nameof(Environment), $"'{Environment}' is not '{Paper}' or '{Live}'");
        }

        return MaxRequestsPerMinute is > 0 and <= 200 ? null : (nameof(MaxRequestsPerMinute), $"{MaxRequestsPerMinute} is not in 1..200 (Alpaca's published limit)");
    }

    public override string ToString() =>
        $"AlpacaOptions {{ Environment = {Environment}, RestBase = {RestBase}, StreamBase = {StreamBase}, KeyId = {Redact(KeyId)}, SecretKey = {Redact(SecretKey)} }}";

    private static string Redact(string value) => string.IsNullOrEmpty(value) ? "(none)" : "***";
}
