namespace MarketIntel.Pipeline.Workflows;

/// <summary>The symbols an ingest run stored bars for, on its timeframe: the paper accounts with working orders on them are evaluated.</summary>
public sealed record PaperEvaluationRequest(string RunId, string Timeframe, IReadOnlyList<string> Symbols);
