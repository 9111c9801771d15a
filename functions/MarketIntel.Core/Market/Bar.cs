namespace MarketIntel.Core.Market;

/// <summary>
/// An OHLCV bar. <see cref="OpenTime"/> is the UTC start of its interval. Prices are doubles (aggregation only selects
/// them); volume is a decimal sum so that resampled and directly aggregated bars are equal to the last digit.
/// </summary>
public readonly record struct Bar(DateTime OpenTime, double Open, double High, double Low, double Close, decimal Volume, long Trades = 0);
