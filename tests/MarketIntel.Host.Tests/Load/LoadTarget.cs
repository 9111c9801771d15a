namespace MarketIntel.Host.Tests.Load;

/// <summary>One GET route under load: a name for the report, the path and query, and an optional <c>If-None-Match</c>.</summary>
public sealed record LoadTarget(string Name, string PathAndQuery, string? IfNoneMatch = null);
