namespace MarketIntel.Core.Backtesting;

/// <summary>Turns a fill price into the price actually paid or received; slippage always works against the trader.</summary>
public interface ISlippageModel
{
    double Apply(double price, bool buying);
}
