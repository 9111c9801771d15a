namespace MarketIntel.Core.Trading;

/// <summary>One row of a replay's orders file: the order and the time from which it may become active.</summary>
public sealed record ReplayOrder(DateTime Time, OrderRequest Request);
