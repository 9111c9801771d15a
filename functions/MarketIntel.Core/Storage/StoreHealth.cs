namespace MarketIntel.Core.Storage;

/// <summary>
/// One store's answer to <see cref="StoreHealthProbe"/>: <c>ok</c> or <c>degraded</c>, how long the probe read took, and
/// on failure what went wrong (the exception's type and message, never a connection string).
/// </summary>
public sealed record StoreHealth(string Name, string Status, long LatencyMs, string? Error = null);
