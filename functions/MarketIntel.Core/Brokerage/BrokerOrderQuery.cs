namespace MarketIntel.Core.Brokerage;

/// <summary>Orders in <see cref="Scope"/> submitted after <see cref="Since"/> (all when null), oldest first.</summary>
public sealed record BrokerOrderQuery(BrokerOrderScope Scope, DateTime? Since = null)
{
    public static BrokerOrderQuery Open { get; } = new(BrokerOrderScope.Open);
}
