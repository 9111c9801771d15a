using MarketIntel.Core.Trading;

namespace MarketIntel.Pipeline.Trading;

/// <summary>One execution: the order, the bar time it filled on, side, quantity, price and commission.</summary>
public sealed record PaperFillView(string OrderId, string Symbol, DateTime Time, string Side, double Quantity, double Price, double Commission)
{
    public static PaperFillView Of(Fill f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new PaperFillView(f.OrderId, f.Symbol, f.Time, PaperNames.Of(f.Side), f.Quantity, f.Price, f.Commission);
    }
}
