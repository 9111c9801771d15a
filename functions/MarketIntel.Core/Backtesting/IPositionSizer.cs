namespace MarketIntel.Core.Backtesting;

/// <summary>How many units an entry buys (or sells short); zero or less skips the entry.</summary>
public interface IPositionSizer
{
    double Quantity(in SizingContext context);
}
