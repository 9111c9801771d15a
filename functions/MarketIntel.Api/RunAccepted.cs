namespace MarketIntel.Api;

/// <summary>The 202 answer to a started run: its id and where to poll it.</summary>
public sealed record RunAccepted(string Id, string Status, string StatusUrl);
