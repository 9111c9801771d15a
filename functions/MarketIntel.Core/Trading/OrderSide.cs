namespace MarketIntel.Core.Trading;

/// <summary>Direction of an order: a buy adds to the position, a sell subtracts from it.</summary>
public enum OrderSide
{
    Buy,
    Sell,
}
