using MarketIntel.Pipeline.Workflows;

namespace MarketIntel.Api;

/// <summary>The 202 answer to a started run (scan or Monte Carlo): its id, its status and where to poll it.</summary>
public sealed record RunAccepted(string Id, RunStatus Status, string StatusUrl);
