namespace MarketIntel.Brokers.OrderIds;

/// <summary>
/// The durable map from our client order ids to a venue's order ids, for venues without a client order id of their own.
/// The adapter writes the intent BEFORE sending and the venue id after; an intent without a venue id after a restart
/// or a lost answer is resolved against the venue's orders (by fingerprint, since the intent's time), never guessed.
/// Keys are per broker and account.
/// </summary>
public interface IBrokerOrderIdMap
{
    /// <summary>The intent recorded under our client order id, or null.</summary>
    Task<BrokerOrderIntent?> GetAsync(string broker, string account, string clientOrderId, CancellationToken cancellationToken = default);

    /// <summary>Records the intent unless one exists under the id; returns what is stored (the existing one on a retry).</summary>
    Task<BrokerOrderIntent> RecordIntentAsync(string broker, string account, BrokerOrderIntent intent, CancellationToken cancellationToken = default);

    /// <summary>Sets the venue's id on the intent and records the reverse entry (venue id to ours).</summary>
    Task<BrokerOrderIntent> RecordVenueIdAsync(string broker, string account, string clientOrderId, string venueOrderId, CancellationToken cancellationToken = default);

    /// <summary>Our client order id for a venue order id, or null when the order is not ours (or not yet mapped).</summary>
    Task<string?> ClientOrderIdOfAsync(string broker, string account, string venueOrderId, CancellationToken cancellationToken = default);

    /// <summary>Removes an intent whose send certainly created nothing (a definite rejection), so a retry may send again.</summary>
    Task ForgetAsync(string broker, string account, string clientOrderId, CancellationToken cancellationToken = default);
}
