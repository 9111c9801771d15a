using MarketIntel.Core.Scanning;

namespace MarketIntel.Api;

/// <summary>The response of <c>GET /api/setups</c>: a completed scan run's best-ranked recent setups, at most the limit asked for.</summary>
public sealed record ScanSetupsResponse(string Scan, string Name, DateTime CreatedAt, IReadOnlyList<TradeSetup> Setups);
