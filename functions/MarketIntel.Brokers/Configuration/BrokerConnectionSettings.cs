namespace MarketIntel.Brokers.Configuration;

/// <summary>
/// One <c>Brokers:Connections:{name}</c> section: <c>Venue</c> (<c>alpaca</c>), <c>Environment</c> (<c>paper</c> by
/// default; <c>live</c> only when written), and <c>BaseUrl</c>/<c>StreamUrl</c> to point at something other than the
/// venue's documented endpoints (a fake server in tests). No credentials here: they are stored through
/// <c>PUT /api/brokers/{name}/credentials</c> in the secret store.
/// </summary>
public sealed record BrokerConnectionSettings(string Name, string Venue, string Environment, Uri? BaseUrl, Uri? StreamUrl);
