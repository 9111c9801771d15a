using MarketIntel.Core.Trading;

namespace MarketIntel.Pipeline.Trading;

/// <summary>One step of an order's state machine, with its time, and the fill quantity and price for fills.</summary>
public sealed record PaperOrderEventView(string Kind, DateTime Time, string From, string To, double? Quantity, double? Price, string? Reason)
{
    public static PaperOrderEventView Of(OrderEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var fill = e.Kind is OrderEventKind.Fill or OrderEventKind.PartialFill;
        return new PaperOrderEventView(PaperNames.Of(e.Kind), e.Time, PaperNames.Of(e.From), PaperNames.Of(e.To), fill ? e.Quantity : null, fill ? e.Price : null, e.Reason);
    }
}
