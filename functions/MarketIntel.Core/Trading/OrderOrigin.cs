namespace MarketIntel.Core.Trading;

/// <summary>Who placed an order: a client, or the kill switch flattening positions (recorded so the blotter says so).</summary>
public enum OrderOrigin
{
    Client,
    KillSwitch,
}
