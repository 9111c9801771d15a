namespace MarketIntel.Core.Trading;

/// <summary>What a replay produced: fills in fill order, each distinct order in file order (its final state), equity per bar, and the account.</summary>
public sealed record PaperReplayResult(IReadOnlyList<Fill> Fills, IReadOnlyList<Order> Orders, IReadOnlyList<ReplayEquityPoint> Equity, Account Account);
