using MarketIntel.Core.Scanning;

namespace MarketIntel.Api;

/// <summary>
/// The response of <c>GET /api/outcomes</c>: a completed scan run's setups with what each did afterwards, and the
/// statistics over the setups the rule raised across the <see cref="HistoryCount"/> bars read.
/// </summary>
public sealed record ScanOutcomesResponse(string Scan, string Name, DateTime CreatedAt, int HistoryCount, ScanStatistics? Statistics, IReadOnlyList<TradeSetup> Setups);
