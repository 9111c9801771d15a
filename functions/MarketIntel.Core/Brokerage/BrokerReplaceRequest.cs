namespace MarketIntel.Core.Brokerage;

/// <summary>
/// A change to a working order: the new total quantity and prices (null keeps the old), and the client order id the
/// replacing order gets (deterministic too, e.g. <see cref="BrokerClientOrderId.For"/> with a leg like <c>entry-r1</c>),
/// so a retried replace is recognised.
/// </summary>
public sealed record BrokerReplaceRequest(string ClientOrderId, string NewClientOrderId, double? Quantity = null, double? LimitPrice = null, double? StopPrice = null);
