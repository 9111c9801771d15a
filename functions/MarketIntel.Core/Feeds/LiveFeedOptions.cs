namespace MarketIntel.Core.Feeds;

/// <summary>The bounds of a <see cref="LiveFeed{T}"/>: how much history it keeps for resumption and how far a subscriber may fall behind.</summary>
public sealed record LiveFeedOptions
{
    /// <summary>Events kept for <c>Last-Event-ID</c> resumption (all subscribers share them); older ones are forgotten.</summary>
    public int ReplayCapacity { get; init; } = 10_000;

    /// <summary>Events one subscriber may have waiting; a subscriber with this many unread is dropped.</summary>
    public int SubscriberCapacity { get; init; } = 1_000;

    public void Validate()
    {
        if (ReplayCapacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ReplayCapacity), ReplayCapacity, "keep at least one event for resumption");
        }

        if (SubscriberCapacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(SubscriberCapacity), SubscriberCapacity, "a subscriber needs room for at least one event");
        }
    }
}
