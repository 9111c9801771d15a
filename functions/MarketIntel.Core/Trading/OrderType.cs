namespace MarketIntel.Core.Trading;

/// <summary>How an order meets the market; the bar rules of each are in <see cref="BarFillModel"/>.</summary>
public enum OrderType
{
    Market,
    Limit,
    Stop,
    StopLimit,
}
