namespace MarketIntel.Core.Feeds;

/// <summary>One published event: its id (1, 2, 3 ... in publication order, never reused in the feed's lifetime) and payload.</summary>
public readonly record struct LiveFeedEvent<T>(long Id, T Payload);
