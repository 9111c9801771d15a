namespace MarketIntel.Core.Trading;

/// <summary>
/// The netted position in one symbol: a signed quantity (negative is short), the average price of the open quantity
/// and the P&amp;L realized by closing parts of it (before commissions, which the ledger books separately).
/// </summary>
public sealed record Position(string Symbol, double Quantity, double AveragePrice, double RealizedPnl)
{
    public static Position Flat(string symbol) => new(symbol, 0, 0, 0);

    public double UnrealizedPnl(double mark) => Quantity * (mark - AveragePrice);

    /// <summary>
    /// Nets a signed fill into the position. Adding keeps a volume-weighted average; reducing realizes P&amp;L against the
    /// average; a fill larger than the position closes it and opens the rest the other way at the fill price (a reversal
    /// is one fill).
    /// </summary>
    public Position Apply(double signedQuantity, double price)
    {
        if (Quantity == 0 || Math.Sign(Quantity) == Math.Sign(signedQuantity))
        {
            var total = Quantity + signedQuantity;
            var average = ((Math.Abs(Quantity) * AveragePrice) + (Math.Abs(signedQuantity) * price)) / Math.Abs(total);
            return this with { Quantity = total, AveragePrice = average };
        }

        var closed = Math.Min(Math.Abs(Quantity), Math.Abs(signedQuantity));
        var realized = RealizedPnl + (closed * (price - AveragePrice) * Math.Sign(Quantity));
        var rest = Quantity + signedQuantity;
        if (Math.Abs(signedQuantity) < Math.Abs(Quantity))
        {
            return this with { Quantity = rest, RealizedPnl = realized };
        }

        return rest == 0
            ? this with { Quantity = 0, AveragePrice = 0, RealizedPnl = realized }
            : this with { Quantity = rest, AveragePrice = price, RealizedPnl = realized };
    }
}
