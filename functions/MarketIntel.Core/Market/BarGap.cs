namespace MarketIntel.Core.Market;

/// <summary>A run of consecutive expected bars that a series lacks: the input of a backfill request.</summary>
public readonly record struct BarGap(DateTime FirstMissing, DateTime LastMissing, int Count);
