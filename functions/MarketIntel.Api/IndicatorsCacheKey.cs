namespace MarketIntel.Api;

/// <summary>
/// Everything a <c>/api/indicators/{symbol}</c> response depends on besides the symbol's stored bars: the timeframe, the
/// end of the window aligned to the bar grid (as for <see cref="BarsCacheKey"/>), the number of bars and the specs in
/// request order (their canonical text).
/// </summary>
public sealed record IndicatorsCacheKey(string Symbol, int TimeframeMinutes, DateTime To, int Limit, string Specs);
