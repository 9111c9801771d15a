using MarketIntel.Core.Trading;

namespace MarketIntel.Core.Brokerage;

/// <summary>
/// An order to send: a plain <see cref="OrderRequest"/>, or a <see cref="BracketRequest"/> whose entry is the order and
/// whose stop-loss and take-profit the venue attaches (one-cancels-the-other once the entry fills).
/// </summary>
public sealed record BrokerOrderRequest
{
    private BrokerOrderRequest(OrderRequest order, BracketRequest? bracket)
    {
        Order = order;
        Bracket = bracket;
    }

    public OrderRequest Order { get; }

    public BracketRequest? Bracket { get; }

    public string ClientOrderId => Order.ClientOrderId;

    public static BrokerOrderRequest Simple(OrderRequest order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return new BrokerOrderRequest(order, null);
    }

    public static BrokerOrderRequest WithBracket(BracketRequest bracket)
    {
        ArgumentNullException.ThrowIfNull(bracket);
        return new BrokerOrderRequest(bracket.Entry, bracket);
    }
}
