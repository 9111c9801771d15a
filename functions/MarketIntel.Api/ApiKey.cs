namespace MarketIntel.Api;

/// <summary>A named API key as the server keeps it: the SHA-256 of the key (never the key) and what it may do.</summary>
public sealed record ApiKey(string Name, byte[] Sha256, ApiAccess Scope);
