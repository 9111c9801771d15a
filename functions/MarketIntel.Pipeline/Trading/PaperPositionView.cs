using MarketIntel.Core.Trading;

namespace MarketIntel.Pipeline.Trading;

/// <summary>A symbol's net position, marked at its last evaluated close.</summary>
public sealed record PaperPositionView(string Symbol, double Quantity, double AveragePrice, double? LastPrice, double MarketValue, double UnrealizedPnl, double RealizedPnl)
{
    public static PaperPositionView Of(Position p, double? last)
    {
        ArgumentNullException.ThrowIfNull(p);
        var mark = last ?? p.AveragePrice;
        return new PaperPositionView(p.Symbol, p.Quantity, p.AveragePrice, last, p.Quantity * mark, p.UnrealizedPnl(mark), p.RealizedPnl);
    }
}
