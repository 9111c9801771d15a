namespace MarketIntel.Pipeline.Brokerage;

/// <summary>
/// What this process knows of a connection's live side: <see cref="State"/> is <c>starting</c>, <c>connected</c> (order
/// stream open), <c>reconnecting</c> (with the last <see cref="Error"/>), <c>needs_credentials</c>, <c>needs_authorization</c> (an OAuth2 venue waiting for a person) or <c>stopped</c>.
/// </summary>
public sealed record BrokerConnectionState(string State, string? Error, DateTime? ConnectedSince, DateTime? LastEvent, int Reconnects, DateTime Updated);
