namespace MarketIntel.Ingestion.Streaming;

/// <summary>One REST repair of a stream's gap: the symbols, the bars' open times [<see cref="From"/>, <see cref="To"/>) and the bars written.</summary>
public sealed record RepairedRange(IReadOnlyList<string> Symbols, DateTime From, DateTime To, long BarsWritten);
