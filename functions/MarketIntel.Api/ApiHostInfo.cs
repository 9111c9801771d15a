namespace MarketIntel.Api;

/// <summary>Which host serves the API (<c>local</c> or <c>functions</c>), for /api/health.</summary>
public sealed record ApiHostInfo(string Name);
