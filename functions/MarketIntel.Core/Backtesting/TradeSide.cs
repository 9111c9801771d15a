namespace MarketIntel.Core.Backtesting;

/// <summary>Direction of a position or setup.</summary>
public enum TradeSide
{
    Long,
    Short,
}
