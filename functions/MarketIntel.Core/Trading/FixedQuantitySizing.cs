namespace MarketIntel.Core.Trading;

/// <summary>The same quantity for every order.</summary>
public sealed class FixedQuantitySizing(double quantity) : ISizingRule
{
    private readonly double _quantity = quantity > 0 && double.IsFinite(quantity) ? quantity : throw new ArgumentOutOfRangeException(nameof(quantity), quantity, "a positive quantity");

    public string Name => "fixed";

    public double Quantity(in SizingInput input) => _quantity;
}
