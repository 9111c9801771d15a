namespace MarketIntel.Host.Tests.Load;

/// <summary>
/// One GET route under load: a name for the report, the path and query, and whether each loop revalidates like a
/// browser (<c>If-None-Match</c> with the last ETag that loop received).
/// </summary>
public sealed record LoadTarget(string Name, string PathAndQuery, bool Revalidate = false);
