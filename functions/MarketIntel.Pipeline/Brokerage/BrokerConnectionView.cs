namespace MarketIntel.Pipeline.Brokerage;

/// <summary>
/// A broker connection as <c>GET /api/brokers</c> shows it: configuration, whether credentials are stored (never the
/// credentials), the live state in this process and the last stored reconciliation.
/// </summary>
public sealed record BrokerConnectionView(
    string Name,
    string Venue,
    string Environment,
    bool CredentialsStored,
    IReadOnlyList<string> CredentialFields,
    BrokerConnectionState Live,
    BrokerReconciliationSummary? LastReconciliation);
