namespace MarketIntel.Api;

/// <summary>The 202 answer to a Monte Carlo request: the run's id and where to poll it.</summary>
public sealed record MonteCarloAccepted(string Id, string Status, string StatusUrl);
