namespace MarketIntel.Core.Market;

/// <summary>Running totals of a <see cref="TickAggregator"/>: every tick offered is counted exactly once.</summary>
public readonly record struct TickAggregatorCounters(long Accepted, long Invalid, long Duplicate, long Late, long BarsClosed)
{
    public long Offered => Accepted + Invalid + Duplicate + Late;

    public long Rejected => Invalid + Duplicate + Late;
}
