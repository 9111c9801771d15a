using MarketIntel.Core.Trading;

namespace MarketIntel.Pipeline.Trading;

/// <summary>
/// An order as the API and the order records show it; <see cref="Events"/> is its history (on a single-order read).
/// <see cref="Origin"/> is its source (<c>client</c> for a person's order, <c>setup</c>, <c>automation</c>, <c>kill_switch</c>) and
/// <see cref="Cause"/> what made it (the scan run and setup of a setup or automated order).
/// </summary>
public sealed record PaperOrderView(
    string ClientOrderId,
    string Symbol,
    string Side,
    string Type,
    double Quantity,
    double? LimitPrice,
    double? StopPrice,
    string TimeInForce,
    string Origin,
    string Status,
    double FilledQuantity,
    double? AveragePrice,
    string? Reason,
    DateTime Created,
    IReadOnlyList<PaperOrderEventView>? Events,
    string? Cause = null)
{
    public static PaperOrderView Of(Order order, bool withEvents)
    {
        ArgumentNullException.ThrowIfNull(order);
        var r = order.Request;
        return new PaperOrderView(
            order.Id, r.Symbol, PaperNames.Of(r.Side), PaperNames.Of(r.Type), r.Quantity, r.LimitPrice, r.StopPrice, PaperNames.Of(r.TimeInForce), PaperNames.Of(r.Origin),
            PaperNames.Of(order.Status), order.FilledQuantity, order.FilledQuantity > 0 ? order.AveragePrice : null, order.Reason, order.Created,
            withEvents ? order.Events.Select(PaperOrderEventView.Of).ToArray() : null, r.Cause);
    }
}
