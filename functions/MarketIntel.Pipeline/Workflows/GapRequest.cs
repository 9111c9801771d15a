namespace MarketIntel.Pipeline.Workflows;

/// <summary>Backfill the bars of one symbol in [<see cref="FromUtc"/>, <see cref="ToUtc"/>).</summary>
public sealed record GapRequest(string Provider, string Symbol, string Timeframe, DateTime FromUtc, DateTime ToUtc);
