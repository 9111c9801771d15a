namespace MarketIntel.Core.Trading;

/// <summary>An event that the order's current state does not allow (the API maps it to 409).</summary>
public sealed class IllegalOrderTransitionException(string orderId, OrderStatus from, OrderEventKind kind)
    : InvalidOperationException($"order '{orderId}': {kind} is not allowed when {from}")
{
    public string OrderId { get; } = orderId;

    public OrderStatus From { get; } = from;

    public OrderEventKind Kind { get; } = kind;
}
