namespace MarketIntel.Core.Brokerage;

/// <summary>Which orders a query returns: those still working (or not yet accepted), or every order.</summary>
public enum BrokerOrderScope
{
    Open,
    All,
}
