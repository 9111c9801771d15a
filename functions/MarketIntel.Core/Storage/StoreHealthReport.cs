namespace MarketIntel.Core.Storage;

/// <summary>What <see cref="StoreHealthProbe"/> found: <c>ok</c> when every store answered, else <c>degraded</c>; when it was probed.</summary>
public sealed record StoreHealthReport(string Status, IReadOnlyList<StoreHealth> Stores, DateTimeOffset CheckedAt);
