namespace MarketIntel.Pipeline.Brokerage;

/// <summary>
/// The journal's adjustments to a connection's positions, per symbol: what reconciliation booked so that the journal's
/// position (the signed fills of its orders plus these) equals the venue's, where the venue holds what the platform did
/// not trade (positions from before the connection, trades placed by hand at the broker). Each adjustment is also a
/// difference in the reconciliation that made it.
/// </summary>
public sealed record BrokerJournalPositions(IReadOnlyDictionary<string, double> Adjustments)
{
    public static BrokerJournalPositions Empty { get; } = new(new Dictionary<string, double>(StringComparer.Ordinal));
}
