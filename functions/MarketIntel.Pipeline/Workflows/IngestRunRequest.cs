namespace MarketIntel.Pipeline.Workflows;

/// <summary>Ingest the watchlist's new bars up to <see cref="UntilUtc"/> (the scheduled time the timer fired for).</summary>
public sealed record IngestRunRequest(string RunId, string Provider, IReadOnlyList<string> Symbols, string Timeframe, DateTime UntilUtc, int BatchSize);
