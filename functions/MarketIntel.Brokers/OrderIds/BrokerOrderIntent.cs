namespace MarketIntel.Brokers.OrderIds;

/// <summary>
/// What an adapter recorded about one of our orders at a venue that names orders only by its own id: our client order
/// id, the request's fingerprint (<see cref="OrderFingerprint"/>), when it was about to be sent, and the venue's id once
/// known (null while the outcome of the send is unknown).
/// </summary>
public sealed record BrokerOrderIntent(string ClientOrderId, string Fingerprint, DateTimeOffset IntendedAt, string? VenueOrderId);
