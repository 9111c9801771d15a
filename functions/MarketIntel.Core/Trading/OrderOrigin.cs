namespace MarketIntel.Core.Trading;

/// <summary>
/// Who placed an order, shown as the order's source in the blotter: a person (<see cref="Client"/>, "manual"), a person
/// trading a scanned setup (<see cref="Setup"/>), the automation switch acting on a new setup (<see cref="Automation"/>),
/// or the kill switch flattening positions. A bracket's legs carry their entry's origin.
/// </summary>
public enum OrderOrigin
{
    Client,
    KillSwitch,
    Setup,
    Automation,
}
