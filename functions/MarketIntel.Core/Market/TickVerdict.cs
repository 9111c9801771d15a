namespace MarketIntel.Core.Market;

/// <summary>What <see cref="TickAggregator"/> did with a tick. Every value but <see cref="Accepted"/> is a rejection reason.</summary>
public enum TickVerdict
{
    Accepted = 0,
    Invalid = 1,
    Duplicate = 2,
    Late = 3,
}
