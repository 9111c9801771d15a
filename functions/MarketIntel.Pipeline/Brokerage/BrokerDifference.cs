namespace MarketIntel.Pipeline.Brokerage;

/// <summary>
/// One difference reconciliation found between the journal and the venue: its <see cref="Kind"/> (see
/// <see cref="BrokerReconciler"/>), the order or symbol concerned, both sides' values, and what was done
/// (<c>repaired</c>: the journal now says what the venue says; <c>reported</c>: left for a person).
/// </summary>
public sealed record BrokerDifference(string Kind, string? ClientOrderId, string? Symbol, string Journal, string Venue, string Action);
