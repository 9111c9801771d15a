namespace MarketIntel.Pipeline.Trading;

/// <summary>One live trade of a symbol as a trade-filled account sees it: when, at what price, how much, and its venue id.</summary>
public sealed record PaperTrade(string Symbol, DateTime Time, double Price, double Size, string TradeId);
