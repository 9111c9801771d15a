namespace MarketIntel.Core.Trading;

/// <summary>
/// One step of an order's life. Fill events carry the filled quantity and price; a rejection, cancel or expiry carries
/// a reason code (for a rejection, the risk rule or validation that failed).
/// </summary>
public sealed record OrderEvent(string OrderId, OrderEventKind Kind, DateTime Time, OrderStatus From, OrderStatus To, double Quantity = 0, double Price = 0, string? Reason = null);
