namespace MarketIntel.Pipeline.Workflows;

/// <summary>One batch of symbols to fetch from their checkpoints up to <see cref="UntilUtc"/>.</summary>
public sealed record IngestBatchInput(string RunId, int BatchIndex, string Provider, IReadOnlyList<string> Symbols, string Timeframe, DateTime UntilUtc);
