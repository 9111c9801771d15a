using MarketIntel.Core.Brokerage;

namespace MarketIntel.Pipeline.Brokerage;

/// <summary>
/// A broker connection as <c>GET /api/brokers</c> shows it: configuration, whether credentials are stored (never the
/// credentials), the live state in this process, the last stored reconciliation, and for an OAuth2 venue where its
/// tokens stand (<see cref="Tokens"/>: expiries and a warning when a person must consent again, or soon), and whether its
/// tokens come from a person's consent in the browser (<see cref="TakesConsent"/>: Schwab) rather than from a grant stored
/// as credentials (tastytrade).
/// </summary>
public sealed record BrokerConnectionView(
    string Name,
    string Venue,
    string Environment,
    bool CredentialsStored,
    IReadOnlyList<string> CredentialFields,
    BrokerConnectionState Live,
    BrokerReconciliationSummary? LastReconciliation,
    BrokerTokenStatus? Tokens = null,
    bool TakesConsent = false);
