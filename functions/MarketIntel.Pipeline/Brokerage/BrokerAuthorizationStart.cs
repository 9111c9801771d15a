namespace MarketIntel.Pipeline.Brokerage;

/// <summary>
/// The start of a person's OAuth2 consent: the venue's page to open, and the <see cref="State"/> the answer must carry
/// back (valid for <see cref="BrokerOperations.AuthorizationWindow"/>, once).
/// </summary>
public sealed record BrokerAuthorizationStart(string Connection, Uri Url, string State, DateTime ExpiresAt);
