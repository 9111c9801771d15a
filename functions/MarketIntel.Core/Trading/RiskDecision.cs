namespace MarketIntel.Core.Trading;

/// <summary>
/// The pre-trade verdict on one order: every check evaluated (in rule order, stopping at the first failure) and the
/// failed rule's code as <see cref="Reason"/> when rejected.
/// </summary>
public sealed record RiskDecision(string OrderId, DateTime Time, bool Accepted, string? Reason, IReadOnlyList<RiskCheck> Checks);
