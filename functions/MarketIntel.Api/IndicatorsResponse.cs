namespace MarketIntel.Api;

/// <summary>The response of <c>GET /api/indicators/{symbol}</c>.</summary>
public sealed record IndicatorsResponse(string Symbol, string Timeframe, IReadOnlyList<DateTime> Times, IReadOnlyList<IndicatorSeries> Indicators);
