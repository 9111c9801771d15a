namespace MarketIntel.Core.Trading;

/// <summary>A raw order quantity before the instrument's rounding and the risk caps (<see cref="OrderSizer"/> applies both).</summary>
public interface ISizingRule
{
    string Name { get; }

    double Quantity(in SizingInput input);
}
