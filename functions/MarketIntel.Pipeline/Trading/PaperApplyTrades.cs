namespace MarketIntel.Pipeline.Trading;

/// <summary>Live trades evaluated against the working orders of an account filled from trades, in arrival order (one tick batch).</summary>
public sealed record PaperApplyTrades(DateTime Time, IReadOnlyList<PaperTrade> Trades) : PaperCommand(Time);
