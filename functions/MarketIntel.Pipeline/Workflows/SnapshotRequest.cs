namespace MarketIntel.Pipeline.Workflows;

/// <summary>Recompute the latest indicator values of some symbols (watchlist view).</summary>
public sealed record SnapshotRequest(string RunId, IReadOnlyList<string> Symbols, string Timeframe);
