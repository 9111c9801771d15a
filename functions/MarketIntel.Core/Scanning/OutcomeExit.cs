namespace MarketIntel.Core.Scanning;

/// <summary>How a setup's outcome ended: its stop, its target, the horizon's last close, or not yet (the data ends first).</summary>
public enum OutcomeExit
{
    Stop,
    Target,
    Horizon,
    Open,
}
