namespace MarketIntel.Brokers.Configuration;

/// <summary>
/// One <c>Brokers:Connections:{name}</c> section: <c>Venue</c> (<c>alpaca</c>, <c>tastytrade</c>, <c>schwab</c>),
/// <c>Environment</c> (<c>paper</c> by default, which is tastytrade's certification sandbox; <c>live</c> only when written,
/// and Schwab, which has no paper environment, only takes <c>live</c>), <c>AccountNumber</c> (tastytrade, Schwab),
/// <c>RedirectUri</c> (Schwab: the callback registered with the app), and <c>BaseUrl</c>/<c>StreamUrl</c> to point at
/// something other than the venue's documented endpoints (a fake server in tests). No credentials here: they are stored
/// through <c>PUT /api/brokers/{name}/credentials</c> in the secret store.
/// </summary>
public sealed record BrokerConnectionSettings(string Name, string Venue, string Environment, Uri? BaseUrl, Uri? StreamUrl, string? AccountNumber = null, Uri? RedirectUri = null);
