namespace MarketIntel.Core.Trading;

/// <summary>
/// What a submission did: the order (new, or the existing one for a repeated client order id, <see cref="Duplicate"/>)
/// and the pre-trade decision (null for a duplicate, or for a request rejected as malformed before any rule ran).
/// </summary>
public sealed record SubmitResult(Order Order, bool Duplicate, RiskDecision? Decision);
