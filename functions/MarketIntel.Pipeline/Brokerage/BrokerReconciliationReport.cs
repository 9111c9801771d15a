namespace MarketIntel.Pipeline.Brokerage;

/// <summary>One reconciliation of a connection: when, why (<c>start</c>, <c>reconnect</c>, <c>manual</c>), what was checked, every difference.</summary>
public sealed record BrokerReconciliationReport(
    string Connection,
    string Trigger,
    DateTime Time,
    int OrdersChecked,
    int VenueOpenOrders,
    int PositionsChecked,
    IReadOnlyList<BrokerDifference> Differences)
{
    public int Repaired => Differences.Count(d => d.Action == BrokerReconciler.Repaired);

    public int Reported => Differences.Count(d => d.Action == BrokerReconciler.Reported);
}
