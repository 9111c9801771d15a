namespace MarketIntel.Core.Trading;

/// <summary>An execution: <see cref="Quantity"/> units (always positive, <see cref="Side"/> gives the sign) at <see cref="Price"/> after slippage.</summary>
public sealed record Fill(string OrderId, string Symbol, DateTime Time, OrderSide Side, double Quantity, double Price, double Commission)
{
    public double SignedQuantity => Side == OrderSide.Buy ? Quantity : -Quantity;
}
