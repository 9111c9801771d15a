using MarketIntel.Core.Storage;

namespace MarketIntel.Api;

/// <summary>
/// The body of <c>GET /api/health</c>. <see cref="Status"/> is <c>ok</c> when every store answered its probe, <c>degraded</c>
/// when one did not (the answer is still 200, so that a probe or a person sees which store and why in <see cref="Stores"/>).
/// </summary>
public sealed record HealthResponse(string Status, string Version, string Host, DateTimeOffset Time, IReadOnlyList<StoreHealth> Stores);
