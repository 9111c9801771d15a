namespace MarketIntel.Api;

/// <summary>
/// Everything a <c>/api/bars</c> response depends on besides the stored bars: the symbol, the timeframe, the window
/// after alignment to the bar grid (so requests a few seconds apart that cover the same bars share an entry), the page
/// size and the continuation token.
/// </summary>
public sealed record BarsCacheKey(string Symbol, int TimeframeMinutes, DateTime From, DateTime To, int Limit, string? ContinuationToken);
